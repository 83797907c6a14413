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
	if cfg.Port != 8080 {
		t.Errorf("Port = %d, want 8080", cfg.Port)
	}
	if cfg.Addr() != ":8080" {
		t.Errorf("Addr() = %q, want %q", cfg.Addr(), ":8080")
	}
	if cfg.ShutdownTimeout != 10*time.Second {
		t.Errorf("ShutdownTimeout = %s, want 10s", cfg.ShutdownTimeout)
	}
}

func TestLoadOverrides(t *testing.T) {
	cfg, err := Load(env(map[string]string{
		"PORT":             "9999",
		"SHUTDOWN_TIMEOUT": "3s",
		"REDIS_ADDR":       "cache:6380",
	}))
	if err != nil {
		t.Fatal(err)
	}
	if cfg.Port != 9999 || cfg.ShutdownTimeout != 3*time.Second {
		t.Errorf("got %+v", cfg)
	}
	if cfg.RedisAddr != "cache:6380" {
		t.Errorf("RedisAddr = %q", cfg.RedisAddr)
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
