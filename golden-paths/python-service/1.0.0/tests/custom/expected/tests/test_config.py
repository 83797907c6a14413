import pytest

from pricing.config import Settings, load_settings


def test_defaults():
    assert load_settings({}) == Settings(port=9000, shutdown_timeout=10)


def test_overrides():
    settings = load_settings({"PORT": "9999", "SHUTDOWN_TIMEOUT": "3"})
    assert settings == Settings(port=9999, shutdown_timeout=3)


@pytest.mark.parametrize(
    "environ", [{"PORT": "http"}, {"PORT": "70000"}, {"SHUTDOWN_TIMEOUT": "0"}]
)
def test_rejects_malformed_values(environ):
    with pytest.raises(ValueError):
        load_settings(environ)
