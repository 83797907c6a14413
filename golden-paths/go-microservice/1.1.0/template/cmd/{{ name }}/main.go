// Command {{ name }} runs the {{ name }} HTTP service.
//
// It reads its configuration from environment variables (see internal/config), serves
// until it receives SIGINT or SIGTERM, and then drains in-flight requests before exiting,
// so Kubernetes rolling updates drop no requests.
package main

import (
	"context"
	"errors"
	"log"
	"net/http"
	"os"
	"os/signal"
	"syscall"
	"time"

	"{{ module_path }}/internal/config"
	"{{ module_path }}/internal/handlers"
	"{{ module_path }}/internal/repository"
	"{{ module_path }}/internal/service"
)

func main() {
	if err := run(); err != nil {
		log.Fatalf("{{ name }}: %v", err)
	}
}

func run() error {
	cfg, err := config.Load(os.Getenv)
	if err != nil {
		return err
	}
	repo, err := repository.Open(cfg)
	if err != nil {
		return err
	}
	defer repo.Close()

	logger := log.Default()
	server := &http.Server{
		Addr:              cfg.Addr(),
		Handler:           handlers.New(service.New(repo), logger),
		ReadHeaderTimeout: 5 * time.Second,
	}

	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()

	serveErr := make(chan error, 1)
	go func() {
		logger.Printf("listening on %s", server.Addr)
		serveErr <- server.ListenAndServe()
	}()

	select {
	case err := <-serveErr:
		return err
	case <-ctx.Done():
	}

	logger.Printf("shutting down (grace period %s)", cfg.ShutdownTimeout)
	shutdownCtx, cancel := context.WithTimeout(context.Background(), cfg.ShutdownTimeout)
	defer cancel()
	if err := server.Shutdown(shutdownCtx); err != nil {
		return err
	}
	if err := <-serveErr; !errors.Is(err, http.ErrServerClosed) {
		return err
	}
	return nil
}
