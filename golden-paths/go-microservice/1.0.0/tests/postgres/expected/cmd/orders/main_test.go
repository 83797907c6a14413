package main

import (
	"context"
	"database/sql"
	"database/sql/driver"
	"errors"
	"fmt"
	"io"
	"log"
	"net"
	"net/http"
	"testing"
	"time"
)

// stubDriver lets run open its database handle; it never connects.
type stubDriver struct{}

func (stubDriver) Open(string) (driver.Conn, error) { return nil, errors.New("no database in tests") }

func init() {
	sql.Register("stub", stubDriver{})
}

func freePort(t *testing.T) int {
	t.Helper()
	listener, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer listener.Close()
	return listener.Addr().(*net.TCPAddr).Port
}

func TestRunServesUntilCancelled(t *testing.T) {
	port := freePort(t)
	env := map[string]string{
		"PORT":             fmt.Sprint(port),
		"SHUTDOWN_TIMEOUT": "2s",
		"DATABASE_DRIVER":  "stub",
	}
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	done := make(chan error, 1)
	go func() {
		done <- run(ctx, func(key string) string { return env[key] }, log.New(io.Discard, "", 0))
	}()

	url := fmt.Sprintf("http://127.0.0.1:%d/healthz", port)
	var resp *http.Response
	var err error
	for attempt := 0; attempt < 100; attempt++ {
		if resp, err = http.Get(url); err == nil {
			break
		}
		time.Sleep(20 * time.Millisecond)
	}
	if err != nil {
		t.Fatalf("the server never answered: %v", err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		t.Errorf("GET /healthz = %d, want 200", resp.StatusCode)
	}

	cancel()
	select {
	case err := <-done:
		if err != nil {
			t.Errorf("run returned %v after a graceful shutdown, want nil", err)
		}
	case <-time.After(5 * time.Second):
		t.Fatal("run did not return after its context was cancelled")
	}
}

func TestRunRejectsBadConfiguration(t *testing.T) {
	getenv := func(key string) string {
		if key == "PORT" {
			return "not-a-port"
		}
		return ""
	}
	err := run(context.Background(), getenv, log.New(io.Discard, "", 0))
	if err == nil {
		t.Fatal("run accepted PORT=not-a-port")
	}
	if errors.Is(err, http.ErrServerClosed) {
		t.Fatalf("unexpected error %v", err)
	}
}
