"""Runs the service: `python -m pricing`. Uvicorn stops accepting connections on
SIGTERM and lets in-flight requests finish, so rolling updates drop no requests."""

import uvicorn

from pricing.config import load_settings


def main() -> None:
    settings = load_settings()
    uvicorn.run(
        "pricing.app:app",
        host="0.0.0.0",
        port=settings.port,
        timeout_graceful_shutdown=settings.shutdown_timeout,
    )


if __name__ == "__main__":
    main()
