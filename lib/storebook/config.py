"""Workbook configuration and paths: the one place that knows where things live.

The project root is found by walking up from the current directory (or from
``STOREBOOK_ROOT``) to the folder holding ``storebook.toml``. Every data path in the
package comes from :class:`Config`; no other module builds a path to data of its own.
"""

from __future__ import annotations

import os
import secrets
import tomllib
from dataclasses import dataclass, field
from pathlib import Path

from storebook.errors import StorebookError

CONFIG_NAME = "storebook.toml"
LOCAL_CONFIG_NAME = "storebook.local.toml"

#: Settings that hold when a config file leaves them out.
DEFAULTS: dict = {
    "store": {
        "name": "storebook",
        "name_zh": "storebook",
        "currency": "CNY",
        "timezone": "Asia/Shanghai",
        "platforms": ["tmall", "jd", "douyin", "web"],
        "channels": [
            "organic_search", "paid_search", "social", "email",
            "live_stream", "recommendation", "direct", "referral",
        ],
        "devices": ["mobile", "pc"],
    },
    "paths": {
        "raw": "data/raw",
        "processed": "data/processed",
        "outputs": "outputs",
        "notebooks": "notebooks",
    },
    "privacy": {"key_env": "STOREBOOK_HASH_KEY", "key_file": ".storebook/key"},
    "report": {"pack": [], "timeout_seconds": 600},
    # What ingest agrees to read: a file above a limit stops the ingest, naming the key to raise.
    # ``encodings`` declares the encoding of raw files the detection cannot settle:
    # {"<pattern under data/raw>" = "latin-1"}.
    "ingest": {"max_file_mb": 2048, "max_rows": 20_000_000, "max_xlsx_uncompressed_mb": 100, "encodings": {}},
}


class ConfigError(StorebookError):
    """The workbook configuration is missing or malformed."""


def _merge(base: dict, override: dict) -> dict:
    out = dict(base)
    for key, value in override.items():
        if isinstance(value, dict) and isinstance(out.get(key), dict):
            out[key] = _merge(out[key], value)
        else:
            out[key] = value
    return out


def find_root(start: Path | None = None) -> Path:
    """Return the folder holding storebook.toml, from STOREBOOK_ROOT or by walking up.

    Falls back to the checkout that holds this package, so that an installed
    workbook run from elsewhere (a papermill kernel in a temp folder) still finds it.
    """
    env = os.environ.get("STOREBOOK_ROOT")
    if env:
        return Path(env).resolve()
    here = (start or Path.cwd()).resolve()
    for folder in (here, *here.parents):
        if (folder / CONFIG_NAME).is_file():
            return folder
    package_checkout = Path(__file__).resolve().parents[2]
    if (package_checkout / CONFIG_NAME).is_file():
        return package_checkout
    return here


@dataclass(frozen=True)
class Config:
    """The workbook's settings, with paths resolved to absolute ones."""

    root: Path
    settings: dict = field(repr=False)

    @classmethod
    def load(cls, root: Path | None = None) -> Config:
        """Read storebook.toml (and storebook.local.toml) under ``root``.

        Args:
            root: the project folder; found with :func:`find_root` when omitted.
        Returns:
            The merged configuration.
        """
        root = Path(root).resolve() if root else find_root()
        settings = DEFAULTS
        for name in (CONFIG_NAME, LOCAL_CONFIG_NAME):
            path = root / name
            if path.is_file():
                try:
                    settings = _merge(settings, tomllib.loads(path.read_text(encoding="utf-8")))
                except tomllib.TOMLDecodeError as exc:
                    raise ConfigError(
                        f"{path}: not valid TOML ({exc}). Fix the file or restore it from git."
                    ) from exc
        return cls(root=root, settings=settings)

    # -- store -----------------------------------------------------------------
    @property
    def store_name(self) -> str:
        return self.settings["store"]["name"]

    @property
    def currency(self) -> str:
        return self.settings["store"]["currency"]

    @property
    def timezone(self) -> str:
        return self.settings["store"]["timezone"]

    @property
    def platforms(self) -> list[str]:
        return list(self.settings["store"]["platforms"])

    @property
    def channels(self) -> list[str]:
        return list(self.settings["store"]["channels"])

    @property
    def devices(self) -> list[str]:
        return list(self.settings["store"]["devices"])

    @property
    def report_pack(self) -> list[str]:
        return list(self.settings["report"]["pack"])

    @property
    def report_timeout(self) -> int:
        return int(self.settings["report"]["timeout_seconds"])

    # -- ingest ----------------------------------------------------------------
    @property
    def max_file_mb(self) -> float:
        """The largest raw file ingest reads, in MB (``[ingest] max_file_mb``)."""
        return float(self.settings["ingest"]["max_file_mb"])

    @property
    def max_rows(self) -> int:
        """The most rows (lines of a CSV, rows of a sheet) ingest reads from one file (``[ingest] max_rows``)."""
        return int(self.settings["ingest"]["max_rows"])

    @property
    def max_xlsx_uncompressed_mb(self) -> float:
        """The largest uncompressed size of a workbook's parts, in MB (``[ingest] max_xlsx_uncompressed_mb``):
        a small .xlsx can unpack into gigabytes of XML."""
        return float(self.settings["ingest"]["max_xlsx_uncompressed_mb"])

    @property
    def raw_encodings(self) -> dict[str, str]:
        """Declared encodings of raw files, by pattern relative to data/raw (``[ingest.encodings]``)."""
        return {str(k): str(v) for k, v in self.settings["ingest"].get("encodings", {}).items()}

    # -- paths -----------------------------------------------------------------
    def _path(self, name: str) -> Path:
        env = os.environ.get(f"STOREBOOK_{name.upper()}")
        value = Path(env) if env else Path(self.settings["paths"][name])
        return value if value.is_absolute() else (self.root / value).resolve()

    @property
    def raw_dir(self) -> Path:
        return self._path("raw")

    @property
    def processed_location(self) -> Path | str:
        """Where the processed tables are read from: a folder, or a lake URI (``s3a://…``)
        that the engine reads (see :func:`storebook.open`)."""
        value = os.environ.get("STOREBOOK_PROCESSED") or str(self.settings["paths"]["processed"])
        return value.rstrip("/") if "://" in value else self._path("processed")

    @property
    def processed_dir(self) -> Path:
        """The local folder ingest writes the processed tables to."""
        location = self.processed_location
        if isinstance(location, str):
            raise StorebookError(
                f"the processed data is set to the lake {location}, and ingest writes a local folder: "
                "set STOREBOOK_PROCESSED (or paths.processed in storebook.toml) to a folder to ingest, "
                "then copy that folder to the lake"
            )
        return location

    @property
    def outputs_dir(self) -> Path:
        return self._path("outputs")

    @property
    def notebooks_dir(self) -> Path:
        return self._path("notebooks")

    # -- privacy ---------------------------------------------------------------
    def hash_key(self) -> bytes:
        """The key of the customer-id hash: from the environment, else a local file.

        Generated on first use into the git-ignored key file, so that the same machine
        always pseudonymises a customer the same way and the key is never committed.
        """
        privacy = self.settings["privacy"]
        env = os.environ.get(privacy["key_env"])
        if env:
            return env.encode("utf-8")
        path = self.root / privacy["key_file"]
        if not path.is_file():
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(secrets.token_hex(32) + "\n", encoding="utf-8")
            path.chmod(0o600)
        return path.read_text(encoding="utf-8").strip().encode("utf-8")
