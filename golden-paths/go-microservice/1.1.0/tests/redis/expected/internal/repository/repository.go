// Package repository stores items. Handlers and the service depend only on the
// Repository interface, so storage can change without touching them.
package repository

import (
	"context"
	"errors"
)

// Item is the resource the service manages.
type Item struct {
	ID   string `json:"id"`
	Name string `json:"name"`
}

// ErrNotFound is returned by Get when no item has the given ID.
var ErrNotFound = errors.New("item not found")

// Repository is the storage the service needs.
type Repository interface {
	Get(ctx context.Context, id string) (Item, error)
	Put(ctx context.Context, item Item) error
	// Ping reports whether the storage is reachable; it backs the readiness probe.
	Ping(ctx context.Context) error
	Close() error
}
