"""The errors a user can meet, all under `NewstraceError`.

    NewstraceError
    ├── InputError              an input could not be read or holds no article
    │   ├── InputNotFound       NT001 a path, folder or glob matched nothing
    │   ├── EmptyInput          NT002 empty or whitespace-only text
    │   ├── BinaryInput         NT003 the bytes are not text (images, archives, executables)
    │   ├── DecodeError         NT004 the text's encoding could not be determined
    │   ├── InputTooLarge       NT005 over the size limit
    │   ├── NoArticleFound      NT006 an HTML page with no article text in it
    │   ├── MalformedInput      NT007 a broken JSON Lines record, feed or WARC record
    │   ├── AnalysisTimeout     NT008 an article took longer than its time budget
    │   └── UnsupportedLanguage NT009 not in the model's language (language policy "skip")
    ├── ModelNotFound           NT020 the spaCy model is not installed
    ├── StoreError              NT030 the database could not be opened or written
    │   ├── NotStored           NT031 no article, claim or story with that id in the store
    │   └── QueryError          NT032 a search query or filter that cannot be used
    ├── GoldFileError           NT040 a gold file does not follow newstrace-gold/1
    ├── ApiError                NT050 an HTTP request the REST API cannot serve
    │   ├── BadRequest          NT051 a malformed request: parameters, body, content type
    │   ├── Unauthorized        NT052 a write without the right API token
    │   ├── ReadOnly            NT053 a write while the server has no token (read-only)
    │   ├── RouteNotFound       NT054 no such page or endpoint (or method)
    │   └── RequestTooLarge     NT055 a request body over the server's size limit
    ├── ConfigError             NT060 an unknown option, stage, component or config key, or a
    │                                 value of the wrong type (also a ValueError)
    ├── ClusterUnreachable      NT070 no Dask scheduler answers at the `--dask` address
    └── InternalError           NT099 a bug: anything else that went wrong, wrapped

Every message names the input (a path, URL or record) and the reason, and where it can,
the next step.
"""

from __future__ import annotations


class NewstraceError(Exception):
    """Base of every error newstrace raises on purpose."""

    code = "NT000"

    def __init__(self, message: str, *, input: str | None = None) -> None:
        self.input = input
        self.reason = message
        prefix = f"{input}: " if input else ""
        super().__init__(f"[{self.code}] {prefix}{message}")


class InputError(NewstraceError):
    """An input could not be turned into an article."""

    code = "NT010"


class InputNotFound(InputError):
    """A path, folder or glob matched no readable article."""

    code = "NT001"


class EmptyInput(InputError):
    """The input is empty or holds only whitespace."""

    code = "NT002"


class BinaryInput(InputError):
    """The input's bytes are not text."""

    code = "NT003"


class DecodeError(InputError):
    """The input's character encoding could not be determined."""

    code = "NT004"


class InputTooLarge(InputError):
    """The input is larger than the size limit."""

    code = "NT005"


class NoArticleFound(InputError):
    """An HTML page in which no article text was found."""

    code = "NT006"


class MalformedInput(InputError):
    """A JSON Lines record, feed or WARC record that is broken."""

    code = "NT007"


class AnalysisTimeout(InputError):
    """An article took longer than the per-article time budget (`limits.article_seconds`)."""

    code = "NT008"


class UnsupportedLanguage(InputError):
    """An article in another language than the model's, skipped by the language policy."""

    code = "NT009"


class ModelNotFound(NewstraceError):
    """The spaCy model could not be loaded."""

    code = "NT020"


class StoreError(NewstraceError):
    """The database could not be opened or written."""

    code = "NT030"


class NotStored(StoreError):
    """No article, claim or story with that id is in the store."""

    code = "NT031"


class QueryError(StoreError):
    """A search query or listing filter that cannot be used (no words, unknown kind)."""

    code = "NT032"


class ClusterUnreachable(NewstraceError):
    """No Dask scheduler answers at the address given to `--dask`."""

    code = "NT070"


class GoldFileError(NewstraceError):
    """A gold file does not follow the newstrace-gold/1 format."""

    code = "NT040"


class ApiError(NewstraceError):
    """An HTTP request the REST API cannot serve; `status` is its HTTP status code."""

    code = "NT050"
    status = 400


class BadRequest(ApiError):
    """A malformed request: a bad parameter, body or content type."""

    code = "NT051"
    status = 400


class Unauthorized(ApiError):
    """A write request without the API token, or with a wrong one."""

    code = "NT052"
    status = 401


class ReadOnly(ApiError):
    """A write request to a server started without an API token (it serves read-only)."""

    code = "NT053"
    status = 403


class RouteNotFound(ApiError):
    """No page or endpoint at that path (or not with that method)."""

    code = "NT054"
    status = 404


class RequestTooLarge(ApiError):
    """A request body over the server's size limit."""

    code = "NT055"
    status = 413


class ConfigError(NewstraceError, ValueError):
    """An unknown option, stage, component or config key, or a value of the wrong type.

    Also a `ValueError`, so code that validated options with `except ValueError` still works."""

    code = "NT060"


class InternalError(NewstraceError):
    """Something went wrong that newstrace did not foresee (a bug): the original exception is
    kept as `__cause__`; please report it with the input that caused it."""

    code = "NT099"
