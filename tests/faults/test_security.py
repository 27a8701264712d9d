"""Security headers, sanitised Markdown, the secret key, size and rate limits."""

from aid import create_app
from aid.knowledge.anatomy import render_markdown

from helpers import TEST_CONFIG


def test_security_headers_and_strict_csp(client):
    response = client.get("/")
    csp = response.headers["Content-Security-Policy"]
    assert "default-src 'self'" in csp and "script-src 'self'" in csp
    assert "unsafe-inline" not in csp and "unsafe-eval" not in csp
    assert response.headers["X-Frame-Options"] == "DENY"
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    assert response.headers["Referrer-Policy"] == "same-origin"


def test_no_inline_script_or_style_in_pages(client):
    for path in ("/", "/assess", "/anatomy/gluteus_medius", "/cases", "/sources"):
        html = client.get(path).get_data(as_text=True)
        assert "<script>" not in html and " style=" not in html and "<style" not in html, path


def test_markdown_is_sanitised():
    html = render_markdown(
        "Hello <script>alert(1)</script> [x](javascript:alert(1)) <img src=x onerror=alert(1)>"
    )
    assert "<script" not in html and "<img" not in html and 'href="javascript' not in html


def test_output_is_escaped(client):
    response = client.post("/assess", data={"action": "search", "q": "<b>bold</b>"})
    html = response.get_data(as_text=True)
    assert "<b>bold</b>" not in html and "&lt;b&gt;bold&lt;/b&gt;" in html


def test_secret_key_generated_in_instance_folder(tmp_path):
    config = {k: v for k, v in TEST_CONFIG.items() if k != "SECRET_KEY"}
    app = create_app(config | {"AUTO_MIGRATE": False, "INSTANCE_PATH": str(tmp_path)})
    assert len(app.config["SECRET_KEY"]) == 64
    assert (tmp_path / "secret_key").read_text().strip() == app.config["SECRET_KEY"]
    again = create_app(config | {"AUTO_MIGRATE": False, "INSTANCE_PATH": str(tmp_path)})
    assert again.config["SECRET_KEY"] == app.config["SECRET_KEY"]


def test_api_is_rate_limited():
    app = create_app(TEST_CONFIG | {"RATELIMIT_ENABLED": True, "RATELIMIT_API": "5/minute"})
    client = app.test_client()
    codes = [client.get("/api/v1/health").status_code for _ in range(7)]
    assert codes[:5] == [200] * 5 and codes[-1] == 429
    limited = client.get("/api/v1/health")
    assert limited.get_json()["error"]["code"] == "too_many_requests"
