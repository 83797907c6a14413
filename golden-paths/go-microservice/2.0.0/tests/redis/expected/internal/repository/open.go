package repository

import (
	"example.com/sessions-team/sessions/internal/config"
)

// Open returns the repository the configuration asks for.
func Open(cfg config.Config) (Repository, error) {
	return NewRedis(cfg.RedisAddr), nil
}
