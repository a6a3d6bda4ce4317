"""didar.web: the analyst's web app and REST API over the store (`didar serve`).

`create_app(db_path, token=...)` builds the FastAPI app: HTML pages with a `.json` twin each
(`routes/pages.py`), downloads (`routes/downloads.py`), the REST API under `/api/`
(`routes/api.py`) and its documentation (`routes/docs.py`). Every page and endpoint asks
`didar.query` through `views.py`, so pages, twins, API and CLI never disagree.
"""

from didar.web.app import create_app
from didar.web.settings import Settings

__all__ = ["Settings", "create_app"]
