package repository

import (
	"database/sql"
	"fmt"

	"example.com/orders-team/orders/internal/config"
)

// Open returns the repository the configuration asks for.
func Open(cfg config.Config) (Repository, error) {
	// database/sql needs a driver registered under cfg.DatabaseDriver: import one in
	// cmd/orders/main.go, e.g. _ "github.com/lib/pq" (see README.md).
	db, err := sql.Open(cfg.DatabaseDriver, cfg.DatabaseURL)
	if err != nil {
		return nil, fmt.Errorf("opening the database: %w", err)
	}
	return NewPostgres(db), nil
}
