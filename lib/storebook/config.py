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
        always pseudonymises a customer the same way and the key is never committed. The
        file is created readable by its owner only (0600, from its first byte) in a folder
        only its owner can enter (0700), whatever the umask.

        Raises:
            ConfigError: the key (from the environment or the file) is shorter than
                :data:`MIN_KEY_LENGTH` characters; the message says how to make one.
        """
        privacy = self.settings["privacy"]
        name = privacy["key_env"]
        env = os.environ.get(name)
        if env is not None:
            return _checked_key(env, f"the environment variable {name}", f"unset {name} to have one generated")
        path = self.root / privacy["key_file"]
        if not path.is_file():
            _create_key_file(path)
        text = path.read_text(encoding="utf-8").strip()
        return _checked_key(text, str(path), "delete the file to have a new one generated (customer pseudonyms "
                            "then change at the next `storebook ingest --force`)")


#: HMAC keys shorter than the hash's output weaken it (RFC 2104 §3: SHA-256's 32 bytes).
MIN_KEY_LENGTH = 32
_KEY_RECIPE = "python -c \"import secrets; print(secrets.token_hex(32))\""


def _checked_key(text: str, where: str, alternative: str) -> bytes:
    """The key's bytes, when it is long enough to be a key."""
    key = text.encode("utf-8")
    if len(key) < MIN_KEY_LENGTH:
        raise ConfigError(
            f"the customer-id hash key in {where} is "
            f"{'empty' if not key else f'{len(key)} character' + ('s' if len(key) > 1 else '') + ' long'}; "
            f"it needs at least {MIN_KEY_LENGTH} random characters. Generate one with {_KEY_RECIPE}, "
            f"or {alternative}"
        )
    return key


def _create_key_file(path: Path) -> None:
    """Write a new random key to ``path``: owner-only from the start, and complete or absent.

    The key goes to a temporary file opened with mode 0600 (never a wider mode later
    narrowed by chmod), and is linked into place only once written, so that a reader (or a
    second process generating a key at the same moment) finds the whole key or none.
    """
    folder = path.parent
    if not folder.is_dir():
        folder.mkdir(mode=0o700, parents=True, exist_ok=True)
        os.chmod(folder, 0o700)  # a umask can only take bits away: make sure the owner keeps them
    tmp = folder / f".{path.name}.{os.getpid()}.tmp"
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    try:
        os.write(fd, (secrets.token_hex(32) + "\n").encode("ascii"))
        os.fsync(fd)
    finally:
        os.close(fd)
    try:
        os.link(tmp, path)  # fails when a key appeared meanwhile: that key is kept
    except FileExistsError:
        pass
    except OSError:  # a filesystem without hard links
        if not path.exists():
            os.replace(tmp, path)
    finally:
        tmp.unlink(missing_ok=True)
