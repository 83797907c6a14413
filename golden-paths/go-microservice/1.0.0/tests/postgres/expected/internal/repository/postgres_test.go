package repository

import (
	"context"
	"database/sql"
	"database/sql/driver"
	"errors"
	"io"
	"strings"
	"sync"
	"testing"
)

// fakeDriver is a tiny database/sql driver that understands the two statements
// Postgres issues, so the repository is tested without a database server.
type fakeDriver struct {
	mu    sync.Mutex
	items map[string]string
}

func (d *fakeDriver) Open(string) (driver.Conn, error) { return fakeConn{d}, nil }

type fakeConn struct{ d *fakeDriver }

func (c fakeConn) Prepare(query string) (driver.Stmt, error) { return fakeStmt{c.d, query}, nil }
func (c fakeConn) Close() error                              { return nil }
func (c fakeConn) Begin() (driver.Tx, error)                 { return nil, errors.New("no transactions") }

type fakeStmt struct {
	d     *fakeDriver
	query string
}

func (s fakeStmt) Close() error  { return nil }
func (s fakeStmt) NumInput() int { return strings.Count(s.query, "$") }

func (s fakeStmt) Exec(args []driver.Value) (driver.Result, error) {
	if !strings.HasPrefix(s.query, "INSERT INTO items") {
		return nil, errors.New("unexpected statement: " + s.query)
	}
	s.d.mu.Lock()
	defer s.d.mu.Unlock()
	s.d.items[args[0].(string)] = args[1].(string)
	return driver.RowsAffected(1), nil
}

func (s fakeStmt) Query(args []driver.Value) (driver.Rows, error) {
	if !strings.HasPrefix(s.query, "SELECT name FROM items") {
		return nil, errors.New("unexpected query: " + s.query)
	}
	s.d.mu.Lock()
	defer s.d.mu.Unlock()
	name, ok := s.d.items[args[0].(string)]
	if !ok {
		return &fakeRows{}, nil
	}
	return &fakeRows{names: []string{name}}, nil
}

type fakeRows struct{ names []string }

func (r *fakeRows) Columns() []string { return []string{"name"} }
func (r *fakeRows) Close() error      { return nil }
func (r *fakeRows) Next(dest []driver.Value) error {
	if len(r.names) == 0 {
		return io.EOF
	}
	dest[0], r.names = r.names[0], r.names[1:]
	return nil
}

func init() {
	sql.Register("fake-postgres", &fakeDriver{items: make(map[string]string)})
}

func TestPostgresPutGet(t *testing.T) {
	db, err := sql.Open("fake-postgres", "")
	if err != nil {
		t.Fatal(err)
	}
	repo := NewPostgres(db)
	defer repo.Close()
	ctx := context.Background()

	if err := repo.Ping(ctx); err != nil {
		t.Fatalf("Ping = %v", err)
	}
	if _, err := repo.Get(ctx, "a"); !errors.Is(err, ErrNotFound) {
		t.Fatalf("Get on empty table: err = %v, want ErrNotFound", err)
	}
	if err := repo.Put(ctx, Item{ID: "a", Name: "first"}); err != nil {
		t.Fatal(err)
	}
	got, err := repo.Get(ctx, "a")
	if err != nil {
		t.Fatal(err)
	}
	if got != (Item{ID: "a", Name: "first"}) {
		t.Errorf("Get = %+v", got)
	}
}
