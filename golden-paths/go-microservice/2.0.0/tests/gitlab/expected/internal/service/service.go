// Package service holds the business rules, between the HTTP handlers and storage.
package service

import (
	"context"
	"errors"
	"fmt"
	"regexp"
	"strings"
	"unicode/utf8"

	"example.com/finance/billing/internal/repository"
)

// ErrInvalid wraps every validation failure; handlers map it to 400 Bad Request.
var ErrInvalid = errors.New("invalid item")

// maxNameLength bounds an item's name, in characters.
const maxNameLength = 200

var validID = regexp.MustCompile(`^[a-z0-9][a-z0-9-]{0,62}$`)

// Items validates and stores items.
type Items struct {
	repo repository.Repository
}

// New returns the service over a repository.
func New(repo repository.Repository) *Items {
	return &Items{repo: repo}
}

// Get returns an item; repository.ErrNotFound when it does not exist.
func (s *Items) Get(ctx context.Context, id string) (repository.Item, error) {
	if !validID.MatchString(id) {
		return repository.Item{}, fmt.Errorf("%w: id %q must be lowercase letters, digits and dashes", ErrInvalid, id)
	}
	return s.repo.Get(ctx, id)
}

// Put validates an item and stores it, returning what was stored.
func (s *Items) Put(ctx context.Context, item repository.Item) (repository.Item, error) {
	if !validID.MatchString(item.ID) {
		return repository.Item{}, fmt.Errorf("%w: id %q must be lowercase letters, digits and dashes", ErrInvalid, item.ID)
	}
	item.Name = strings.TrimSpace(item.Name)
	if item.Name == "" {
		return repository.Item{}, fmt.Errorf("%w: name is required", ErrInvalid)
	}
	if utf8.RuneCountInString(item.Name) > maxNameLength {
		return repository.Item{}, fmt.Errorf("%w: name is longer than %d characters", ErrInvalid, maxNameLength)
	}
	if err := s.repo.Put(ctx, item); err != nil {
		return repository.Item{}, err
	}
	return item, nil
}

// Ready reports whether the service can serve requests (its storage answers).
func (s *Items) Ready(ctx context.Context) error {
	return s.repo.Ping(ctx)
}
