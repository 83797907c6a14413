package service

import (
	"context"
	"errors"
	"strings"
	"testing"

	"example.com/sessions-team/sessions/internal/repository"
)

func TestPutTrimsAndStores(t *testing.T) {
	ctx := context.Background()
	items := New(repository.NewMemory())
	stored, err := items.Put(ctx, repository.Item{ID: "item-1", Name: "  widget "})
	if err != nil {
		t.Fatal(err)
	}
	if stored.Name != "widget" {
		t.Errorf("stored name = %q, want %q", stored.Name, "widget")
	}
	got, err := items.Get(ctx, "item-1")
	if err != nil || got != stored {
		t.Errorf("Get = %+v, %v; want %+v", got, err, stored)
	}
}

func TestPutRejectsInvalidItems(t *testing.T) {
	items := New(repository.NewMemory())
	for _, item := range []repository.Item{
		{ID: "", Name: "x"},
		{ID: "Upper", Name: "x"},
		{ID: "ok", Name: "   "},
		{ID: "ok", Name: strings.Repeat("x", maxNameLength+1)},
	} {
		if _, err := items.Put(context.Background(), item); !errors.Is(err, ErrInvalid) {
			t.Errorf("Put(%+v): err = %v, want ErrInvalid", item, err)
		}
	}
}

func TestGetMissingItem(t *testing.T) {
	items := New(repository.NewMemory())
	if _, err := items.Get(context.Background(), "nope"); !errors.Is(err, repository.ErrNotFound) {
		t.Errorf("err = %v, want repository.ErrNotFound", err)
	}
	if _, err := items.Get(context.Background(), "../etc"); !errors.Is(err, ErrInvalid) {
		t.Errorf("err = %v, want ErrInvalid", err)
	}
}
