package repository

import (
{%- if database == 'postgres' %}
	"database/sql"
	"fmt"
{% endif %}
	"{{ module_path }}/internal/config"
)

// Open returns the repository the configuration asks for.
func Open(cfg config.Config) (Repository, error) {
{%- if database == 'postgres' %}
	// database/sql needs a driver registered under cfg.DatabaseDriver: import one in
	// cmd/{{ name }}/main.go, e.g. _ "github.com/lib/pq" (see README.md).
	db, err := sql.Open(cfg.DatabaseDriver, cfg.DatabaseURL)
	if err != nil {
		return nil, fmt.Errorf("opening the database: %w", err)
	}
	return NewPostgres(db), nil
{%- elif database == 'redis' %}
	return NewRedis(cfg.RedisAddr), nil
{%- else %}
	_ = cfg
	return NewMemory(), nil
{%- endif %}
}
