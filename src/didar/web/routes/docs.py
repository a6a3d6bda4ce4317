"""/docs: the API documentation page, served without any CDN. Swagger UI's files come from the
`fastapi-offline` package when it is installed (it ships them); otherwise the page lists the
endpoints of /openapi.json with the package's own small script."""

from __future__ import annotations

from pathlib import Path

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse

router = APIRouter(include_in_schema=False)


def swagger_assets() -> Path | None:
    """The folder holding swagger-ui-bundle.js and swagger-ui.css, if a package ships them."""
    try:
        import fastapi_offline
    except ImportError:
        return None
    folder = Path(fastapi_offline.__file__).parent / "static"
    return folder if (folder / "swagger-ui-bundle.js").is_file() else None


@router.get("/docs", response_class=HTMLResponse)
def docs(request: Request) -> HTMLResponse:
    return request.app.state.templates.TemplateResponse(
        request, "docs.html", {"swagger": swagger_assets() is not None}
    )
