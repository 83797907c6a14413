// Package handlers maps HTTP requests to the service: routing, JSON encoding and
// status codes live here, business rules do not.
package handlers

import (
	"context"
	"encoding/json"
	"errors"
	"log"
	"net/http"
	"strings"
	"time"

	"example.com/payments-team/payments/internal/repository"
	"example.com/payments-team/payments/internal/service"
)

// maxBodyBytes bounds request bodies so a client cannot exhaust memory.
const maxBodyBytes = 1 << 20

type handler struct {
	items  *service.Items
	logger *log.Logger
}

// New returns the service's HTTP handler with every route registered.
func New(items *service.Items, logger *log.Logger) http.Handler {
	h := &handler{items: items, logger: logger}
	mux := http.NewServeMux()
	mux.HandleFunc("/healthz", h.healthz)
	mux.HandleFunc("/readyz", h.readyz)
	mux.HandleFunc("/v1/items/", h.item)
	return mux
}

// healthz is the liveness probe: the process is up and serving.
func (h *handler) healthz(w http.ResponseWriter, _ *http.Request) {
	writeJSON(w, http.StatusOK, map[string]string{"status": "ok"})
}

// readyz is the readiness probe: the service's dependencies answer.
func (h *handler) readyz(w http.ResponseWriter, r *http.Request) {
	ctx, cancel := context.WithTimeout(r.Context(), 2*time.Second)
	defer cancel()
	if err := h.items.Ready(ctx); err != nil {
		h.logger.Printf("not ready: %v", err)
		writeJSON(w, http.StatusServiceUnavailable, map[string]string{"status": "unavailable"})
		return
	}
	writeJSON(w, http.StatusOK, map[string]string{"status": "ok"})
}

// item serves GET and PUT on /v1/items/{id}.
func (h *handler) item(w http.ResponseWriter, r *http.Request) {
	id := strings.TrimPrefix(r.URL.Path, "/v1/items/")
	switch r.Method {
	case http.MethodGet:
		item, err := h.items.Get(r.Context(), id)
		if err != nil {
			h.writeError(w, err)
			return
		}
		writeJSON(w, http.StatusOK, item)
	case http.MethodPut:
		var body struct {
			Name string `json:"name"`
		}
		decoder := json.NewDecoder(http.MaxBytesReader(w, r.Body, maxBodyBytes))
		decoder.DisallowUnknownFields()
		if err := decoder.Decode(&body); err != nil {
			writeJSON(w, http.StatusBadRequest, map[string]string{"error": "body must be JSON like {\"name\": \"...\"}"})
			return
		}
		item, err := h.items.Put(r.Context(), repository.Item{ID: id, Name: body.Name})
		if err != nil {
			h.writeError(w, err)
			return
		}
		writeJSON(w, http.StatusOK, item)
	default:
		w.Header().Set("Allow", "GET, PUT")
		writeJSON(w, http.StatusMethodNotAllowed, map[string]string{"error": "method not allowed"})
	}
}

// writeError maps service and repository errors to status codes; anything unexpected
// is logged and reported as 500 without leaking details to the client.
func (h *handler) writeError(w http.ResponseWriter, err error) {
	switch {
	case errors.Is(err, service.ErrInvalid):
		writeJSON(w, http.StatusBadRequest, map[string]string{"error": err.Error()})
	case errors.Is(err, repository.ErrNotFound):
		writeJSON(w, http.StatusNotFound, map[string]string{"error": "not found"})
	default:
		h.logger.Printf("internal error: %v", err)
		writeJSON(w, http.StatusInternalServerError, map[string]string{"error": "internal error"})
	}
}

func writeJSON(w http.ResponseWriter, status int, body any) {
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(status)
	_ = json.NewEncoder(w).Encode(body)
}
