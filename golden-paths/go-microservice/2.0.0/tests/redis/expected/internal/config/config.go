// Package config reads the service's settings from environment variables, so the same
// image runs unchanged in every environment.
package config

import (
	"fmt"
	"strconv"
	"time"
)

// Config holds every setting the service reads at start-up.
type Config struct {
	Port            int
	ShutdownTimeout time.Duration
	RedisAddr       string
}

// Load builds a Config from the environment; getenv is os.Getenv outside tests.
// Unset variables keep their defaults; malformed ones are errors, never ignored.
func Load(getenv func(string) string) (Config, error) {
	cfg := Config{
		Port:            8080,
		ShutdownTimeout: 10 * time.Second,
		RedisAddr:       "localhost:6379",
	}
	if v := getenv("PORT"); v != "" {
		port, err := strconv.Atoi(v)
		if err != nil || port < 1 || port > 65535 {
			return Config{}, fmt.Errorf("PORT: %q is not a port number (1-65535)", v)
		}
		cfg.Port = port
	}
	if v := getenv("SHUTDOWN_TIMEOUT"); v != "" {
		d, err := time.ParseDuration(v)
		if err != nil || d <= 0 {
			return Config{}, fmt.Errorf("SHUTDOWN_TIMEOUT: %q is not a positive duration such as 10s", v)
		}
		cfg.ShutdownTimeout = d
	}
	if v := getenv("REDIS_ADDR"); v != "" {
		cfg.RedisAddr = v
	}
	return cfg, nil
}

// Addr is the listen address for net/http.
func (c Config) Addr() string {
	return fmt.Sprintf(":%d", c.Port)
}
