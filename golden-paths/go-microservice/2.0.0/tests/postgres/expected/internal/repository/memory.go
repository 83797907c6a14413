package repository

import (
	"context"
	"sync"
)

// Memory keeps items in process memory: for tests and for running without a database.
type Memory struct {
	mu    sync.RWMutex
	items map[string]Item
}

// NewMemory returns an empty in-memory repository.
func NewMemory() *Memory {
	return &Memory{items: make(map[string]Item)}
}

// Get returns the item with the given ID, or ErrNotFound.
func (m *Memory) Get(_ context.Context, id string) (Item, error) {
	m.mu.RLock()
	defer m.mu.RUnlock()
	item, ok := m.items[id]
	if !ok {
		return Item{}, ErrNotFound
	}
	return item, nil
}

// Put creates or replaces an item.
func (m *Memory) Put(_ context.Context, item Item) error {
	m.mu.Lock()
	defer m.mu.Unlock()
	m.items[item.ID] = item
	return nil
}

// Ping always succeeds: memory is always reachable.
func (m *Memory) Ping(context.Context) error { return nil }

// Close releases nothing.
func (m *Memory) Close() error { return nil }
