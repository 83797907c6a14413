package repository

import (
	"context"
	"errors"
	"testing"
)

func TestMemoryPutGet(t *testing.T) {
	ctx := context.Background()
	repo := NewMemory()
	if _, err := repo.Get(ctx, "a"); !errors.Is(err, ErrNotFound) {
		t.Fatalf("Get on empty repository: err = %v, want ErrNotFound", err)
	}
	if err := repo.Put(ctx, Item{ID: "a", Name: "first"}); err != nil {
		t.Fatal(err)
	}
	if err := repo.Put(ctx, Item{ID: "a", Name: "second"}); err != nil {
		t.Fatal(err)
	}
	got, err := repo.Get(ctx, "a")
	if err != nil {
		t.Fatal(err)
	}
	if got != (Item{ID: "a", Name: "second"}) {
		t.Errorf("Get = %+v, want the replaced item", got)
	}
	if err := repo.Ping(ctx); err != nil {
		t.Errorf("Ping = %v", err)
	}
}
