package handlers

import (
	"context"
	"encoding/json"
	"errors"
	"io"
	"log"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"example.com/payments-team/payments/internal/repository"
	"example.com/payments-team/payments/internal/service"
)

// unreachable is a repository whose storage is down.
type unreachable struct{ repository.Repository }

func (unreachable) Ping(context.Context) error { return errors.New("connection refused") }

func newServer(t *testing.T, repo repository.Repository) *httptest.Server {
	t.Helper()
	server := httptest.NewServer(New(service.New(repo), log.New(io.Discard, "", 0)))
	t.Cleanup(server.Close)
	return server
}

func request(t *testing.T, method, url, body string) (int, map[string]string) {
	t.Helper()
	req, err := http.NewRequest(method, url, strings.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	if got := resp.Header.Get("Content-Type"); got != "application/json" {
		t.Errorf("%s %s: Content-Type = %q", method, url, got)
	}
	decoded := map[string]string{}
	if err := json.NewDecoder(resp.Body).Decode(&decoded); err != nil {
		t.Fatalf("%s %s: body is not a JSON object: %v", method, url, err)
	}
	return resp.StatusCode, decoded
}

func TestHealthz(t *testing.T) {
	server := newServer(t, unreachable{})
	status, body := request(t, http.MethodGet, server.URL+"/healthz", "")
	if status != http.StatusOK || body["status"] != "ok" {
		t.Errorf("GET /healthz = %d %v; liveness must not depend on storage", status, body)
	}
}

func TestReadyz(t *testing.T) {
	status, _ := request(t, http.MethodGet, newServer(t, repository.NewMemory()).URL+"/readyz", "")
	if status != http.StatusOK {
		t.Errorf("GET /readyz with storage up = %d, want 200", status)
	}
	status, _ = request(t, http.MethodGet, newServer(t, unreachable{}).URL+"/readyz", "")
	if status != http.StatusServiceUnavailable {
		t.Errorf("GET /readyz with storage down = %d, want 503", status)
	}
}

func TestPutThenGetItem(t *testing.T) {
	url := newServer(t, repository.NewMemory()).URL + "/v1/items/widget-1"
	status, body := request(t, http.MethodPut, url, `{"name": "Widget"}`)
	if status != http.StatusOK || body["id"] != "widget-1" || body["name"] != "Widget" {
		t.Fatalf("PUT = %d %v", status, body)
	}
	status, body = request(t, http.MethodGet, url, "")
	if status != http.StatusOK || body["name"] != "Widget" {
		t.Errorf("GET = %d %v", status, body)
	}
}

func TestItemErrors(t *testing.T) {
	base := newServer(t, repository.NewMemory()).URL
	for _, tc := range []struct {
		method, path, body string
		want               int
	}{
		{http.MethodGet, "/v1/items/missing", "", http.StatusNotFound},
		{http.MethodGet, "/v1/items/Not_Valid", "", http.StatusBadRequest},
		{http.MethodPut, "/v1/items/x", `not json`, http.StatusBadRequest},
		{http.MethodPut, "/v1/items/x", `{"name": ""}`, http.StatusBadRequest},
		{http.MethodPut, "/v1/items/x", `{"name": "a", "extra": 1}`, http.StatusBadRequest},
		{http.MethodDelete, "/v1/items/x", "", http.StatusMethodNotAllowed},
	} {
		status, body := request(t, tc.method, base+tc.path, tc.body)
		if status != tc.want || body["error"] == "" {
			t.Errorf("%s %s = %d %v, want %d with an error message", tc.method, tc.path, status, body, tc.want)
		}
	}
}
