package config

import (
	"testing"
	"time"
)

func env(values map[string]string) func(string) string {
	return func(key string) string { return values[key] }
}

func TestLoadDefaults(t *testing.T) {
	cfg, err := Load(env(nil))
	if err != nil {
		t.Fatal(err)
	}
	if cfg.Port != 8081 {
		t.Errorf("Port = %d, want 8081", cfg.Port)
	}
	if cfg.Addr() != ":8081" {
		t.Errorf("Addr() = %q, want %q", cfg.Addr(), ":8081")
	}
	if cfg.ShutdownTimeout != 10*time.Second {
		t.Errorf("ShutdownTimeout = %s, want 10s", cfg.ShutdownTimeout)
	}
}

func TestLoadOverrides(t *testing.T) {
	cfg, err := Load(env(map[string]string{
		"PORT":             "9999",
		"SHUTDOWN_TIMEOUT": "3s",
		"DATABASE_URL":     "postgres://db:5432/other",
	}))
	if err != nil {
		t.Fatal(err)
	}
	if cfg.Port != 9999 || cfg.ShutdownTimeout != 3*time.Second {
		t.Errorf("got %+v", cfg)
	}
	if cfg.DatabaseURL != "postgres://db:5432/other" {
		t.Errorf("DatabaseURL = %q", cfg.DatabaseURL)
	}
}

func TestLoadRejectsMalformedValues(t *testing.T) {
	for _, bad := range []map[string]string{
		{"PORT": "http"},
		{"PORT": "70000"},
		{"SHUTDOWN_TIMEOUT": "soon"},
		{"SHUTDOWN_TIMEOUT": "-1s"},
	} {
		if _, err := Load(env(bad)); err == nil {
			t.Errorf("Load(%v) succeeded, want an error", bad)
		}
	}
}
