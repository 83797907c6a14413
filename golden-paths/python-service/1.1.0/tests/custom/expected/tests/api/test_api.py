from fastapi.testclient import TestClient

from pricing.app import create_app
from pricing.repository import MemoryRepository


class Unreachable(MemoryRepository):
    """A repository whose storage is down."""

    def ping(self) -> bool:
        return False


def test_healthz_does_not_depend_on_storage():
    response = TestClient(create_app(Unreachable())).get("/healthz")
    assert response.status_code == 200
    assert response.json() == {"status": "ok"}


def test_readyz_reflects_storage():
    assert TestClient(create_app()).get("/readyz").status_code == 200
    response = TestClient(create_app(Unreachable())).get("/readyz")
    assert response.status_code == 503
    assert response.json() == {"status": "unavailable"}


def test_put_then_get_item():
    client = TestClient(create_app())
    response = client.put("/v1/items/widget-1", json={"name": "  Widget "})
    assert response.status_code == 200
    assert response.json() == {"id": "widget-1", "name": "Widget"}
    stored = client.get("/v1/items/widget-1")
    assert stored.json() == {"id": "widget-1", "name": "Widget"}


def test_item_errors():
    client = TestClient(create_app())
    assert client.get("/v1/items/missing").status_code == 404
    assert client.get("/v1/items/Not_Valid").status_code == 422
    assert client.put("/v1/items/x", json={"name": ""}).status_code == 422
    assert client.put("/v1/items/x", json={"name": "   "}).status_code == 422
    assert client.put("/v1/items/x", json={"name": "a", "extra": 1}).status_code == 422
    assert client.delete("/v1/items/x").status_code == 405
