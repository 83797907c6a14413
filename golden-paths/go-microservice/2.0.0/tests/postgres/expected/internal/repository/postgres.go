package repository

import (
	"context"
	"database/sql"
	"errors"
)

// Postgres stores items in the PostgreSQL table created by migrations/001_create_items.sql.
type Postgres struct {
	db *sql.DB
}

// NewPostgres wraps an open database handle.
func NewPostgres(db *sql.DB) *Postgres {
	return &Postgres{db: db}
}

// Get returns the item with the given ID, or ErrNotFound.
func (p *Postgres) Get(ctx context.Context, id string) (Item, error) {
	item := Item{ID: id}
	err := p.db.QueryRowContext(ctx, `SELECT name FROM items WHERE id = $1`, id).Scan(&item.Name)
	if errors.Is(err, sql.ErrNoRows) {
		return Item{}, ErrNotFound
	}
	if err != nil {
		return Item{}, err
	}
	return item, nil
}

// Put creates or replaces an item.
func (p *Postgres) Put(ctx context.Context, item Item) error {
	_, err := p.db.ExecContext(ctx,
		`INSERT INTO items (id, name) VALUES ($1, $2) ON CONFLICT (id) DO UPDATE SET name = EXCLUDED.name`,
		item.ID, item.Name)
	return err
}

// Ping checks that the database answers.
func (p *Postgres) Ping(ctx context.Context) error {
	return p.db.PingContext(ctx)
}

// Close closes the connection pool.
func (p *Postgres) Close() error {
	return p.db.Close()
}
