// Command billing runs the billing HTTP service.
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

	"example.com/finance/billing/internal/config"
	"example.com/finance/billing/internal/handlers"
	"example.com/finance/billing/internal/repository"
	"example.com/finance/billing/internal/service"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	err := run(ctx, os.Getenv, log.Default())
	stop()
	if err != nil {
		log.Fatalf("billing: %v", err)
	}
}

// run serves HTTP until ctx is cancelled, then shuts down gracefully.
func run(ctx context.Context, getenv func(string) string, logger *log.Logger) error {
	cfg, err := config.Load(getenv)
	if err != nil {
		return err
	}
	repo, err := repository.Open(cfg)
	if err != nil {
		return err
	}
	defer repo.Close()

	server := &http.Server{
		Addr:              cfg.Addr(),
		Handler:           handlers.New(service.New(repo), logger),
		ReadHeaderTimeout: 5 * time.Second,
		IdleTimeout:       60 * time.Second,
	}
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
