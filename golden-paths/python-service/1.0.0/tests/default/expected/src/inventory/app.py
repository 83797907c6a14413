"""HTTP API of inventory: routing and status codes live here, storage does not."""

from __future__ import annotations

from typing import Annotated

from fastapi import FastAPI, HTTPException, Path, Response
from pydantic import BaseModel, ConfigDict, Field

from inventory.repository import Item, MemoryRepository, Repository

ItemId = Annotated[str, Path(pattern=r"^[a-z0-9][a-z0-9-]{0,62}$")]


class ItemBody(BaseModel):
    """What a client sends to create or replace an item."""

    model_config = ConfigDict(extra="forbid")

    name: str = Field(min_length=1, max_length=200)


def create_app(repository: Repository | None = None) -> FastAPI:
    """Builds the application; tests pass their own repository."""
    repo = repository if repository is not None else MemoryRepository()
    app = FastAPI(
        title="inventory",
        description="The inventory service",
        version="0.1.0",
    )

    @app.get("/healthz")
    def healthz() -> dict[str, str]:
        """Liveness probe: the process is up and serving."""
        return {"status": "ok"}

    @app.get("/readyz")
    def readyz(response: Response) -> dict[str, str]:
        """Readiness probe: the storage answers."""
        if not repo.ping():
            response.status_code = 503
            return {"status": "unavailable"}
        return {"status": "ok"}

    @app.get("/v1/items/{item_id}")
    def get_item(item_id: ItemId) -> Item:
        item = repo.get(item_id)
        if item is None:
            raise HTTPException(status_code=404, detail="not found")
        return item

    @app.put("/v1/items/{item_id}")
    def put_item(item_id: ItemId, body: ItemBody) -> Item:
        item = Item(id=item_id, name=body.name.strip())
        if not item.name:
            raise HTTPException(status_code=422, detail="name is blank")
        repo.put(item)
        return item

    return app


app = create_app()
