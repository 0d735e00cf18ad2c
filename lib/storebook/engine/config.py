"""Workbook configuration and paths: the one place that knows where things live.

The project root is found by walking up from the current directory (or from
``STOREBOOK_ROOT``) to the folder holding ``storebook.toml``. Every data path in the
package comes from :class:`Config`; no other module builds a path to data of its own.

The settings are validated by pydantic-settings (:class:`Settings`): a misspelt key
(``platfroms``, ``[reprot]``) or a value of the wrong kind (``platforms = "tmall"``) is an
error that names the file and the key, never a setting silently ignored.
"""

from __future__ import annotations

import os
import secrets
import tomllib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Annotated, Any

from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    StringConstraints,
    ValidationError,
    field_validator,
)
from pydantic_settings import (
    BaseSettings,
    PydanticBaseSettingsSource,
    SettingsConfigDict,
    TomlConfigSettingsSource,
)

from storebook.errors import Said, StorebookError, joined

CONFIG_NAME = "storebook.toml"
LOCAL_CONFIG_NAME = "storebook.local.toml"

#: A vocabulary value: lower-case letters, digits and underscores (``tiktok_shop``).
Code = Annotated[str, StringConstraints(pattern=r"^[a-z][a-z0-9_]*$")]


class _Section(BaseModel):
    model_config = ConfigDict(extra="forbid", validate_default=True)


class StoreSettings(_Section):
    """``[store]``: who the store is and the vocabularies its data may use."""

    #: The store's name on the report pack; empty = taken from the data, with a hint to set it.
    name: str = ""
    name_zh: str = ""
    #: ISO 4217 code of the amounts; empty = taken from the data (e.g. Shopify's Currency), else CNY.
    currency: Annotated[str, StringConstraints(pattern=r"^([A-Z]{3})?$")] = ""
    timezone: str = "Asia/Shanghai"
    #: ISO 3166 alpha-2 code of the store's country (BR, IN, US); empty = inferred where the currency
    #: or the time zone names one country (storebook.engine.calendar.infer_country). A store outside
    #: China gets that country's public holidays.
    country: Annotated[str, StringConstraints(pattern=r"^([A-Z]{2})?$")] = ""
    #: The platforms, channels and devices ingest accepts (labels: storebook.engine.vocab).
    platforms: list[Code] = Field(default_factory=lambda: ["tmall", "jd", "douyin", "web"], min_length=1)
    channels: list[Code] = Field(default_factory=lambda: [
        "organic_search", "paid_search", "social", "email",
        "live_stream", "recommendation", "direct", "referral",
    ], min_length=1)
    devices: list[Code] = Field(default_factory=lambda: ["mobile", "pc"], min_length=1)

    @field_validator("timezone")
    @classmethod
    def _known_zone(cls, value: str) -> str:
        from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

        try:
            ZoneInfo(value)
        except (ZoneInfoNotFoundError, ValueError) as exc:
            raise ValueError(f"'{value}' is not a time zone (e.g. Asia/Shanghai, Europe/Berlin)") from exc
        return value

    @field_validator("platforms", "channels", "devices")
    @classmethod
    def _no_reserved(cls, values: list[str]) -> list[str]:
        if "all" in values:
            raise ValueError("'all' is reserved for the totals rows; list the real values")
        if len(set(values)) != len(values):
            raise ValueError("a value is listed twice")
        return values


class PathSettings(_Section):
    """``[paths]``, relative to storebook.toml (STOREBOOK_RAW / _PROCESSED / _OUTPUTS override)."""

    raw: str = "data/raw"
    processed: str = "data/processed"
    outputs: str = "outputs"
    notebooks: str = "notebooks"


class PrivacySettings(_Section):
    """``[privacy]``: where the key of the customer-id hash comes from."""

    key_env: str = "STOREBOOK_HASH_KEY"
    key_file: str = ".storebook/key"


class ReportSettings(_Section):
    """``[report]``: the monthly pack."""

    pack: list[Code] = Field(default_factory=list)
    timeout_seconds: int = Field(default=600, gt=0)


class FulfilmentSettings(_Section):
    """``[fulfilment]``: the delivery promise (days), for every province or per province with a
    ``default`` (see :func:`storebook.areas.fulfilment.delivery_promise`)."""

    delivery_promise_days: Any = None

    @field_validator("delivery_promise_days")
    @classmethod
    def _days(cls, value: Any) -> Any:
        def days(v: Any) -> bool:
            return isinstance(v, int | float) and not isinstance(v, bool) and v > 0

        if value is None or days(value) or (isinstance(value, dict) and value and all(map(days, value.values()))):
            return value
        raise ValueError("give a number of days (3) or a table of province = days with a default")


class IngestSettings(_Section):
    """``[ingest]``: what ingest agrees to read. A file above a limit stops the ingest, naming
    the key to raise; ``encodings`` declares what the detection cannot settle."""

    #: The largest raw file, in MB (ingest holds about five times a file's size in memory).
    max_file_mb: float = Field(default=2048, gt=0)
    #: The most rows (CSV lines, sheet rows) in one file.
    max_rows: int = Field(default=20_000_000, gt=0)
    #: The largest total of a workbook's unpacked parts, in MB: a small .xlsx can unpack into gigabytes.
    max_xlsx_uncompressed_mb: float = Field(default=100, gt=0)
    #: Encodings of raw files by pattern under data/raw (``"suppliers/legacy_*.csv" = "latin-1"``).
    encodings: dict[str, str] = Field(default_factory=dict)


#: A DuckDB memory size: a number and a unit (``512MB``, ``1.5GB``, ``800MiB``).
MemorySize = Annotated[str, StringConstraints(pattern=r"^\s*\d+(\.\d+)?\s*(B|KB|MB|GB|TB|KiB|MiB|GiB|TiB)\s*$")]


class EngineSettings(_Section):
    """``[engine]``: how much memory one open workbook's DuckDB may use, and where it spills.

    Each report kernel opens one workbook, so ``memory_limit`` × jobs (plus each working
    kernel's Python, about 300 MB, and the command's and the kernel template's, about 500 MB)
    is what a pack can hold; past the limit, joins, sorts and aggregates spill to
    ``temp_directory`` (each workbook its own folder under it).

    The default keeps the 50M bench store's pack at ``--jobs 2`` under 2 GB summed over its
    processes: 1.76-1.78 GB peak RSS at 300MB against 2.05 GB at 512MB (1.95 GB at 400MB, too
    close). It spills more: 217 and 208 CPU-s a pack against 179 and 208 (a machine loaded
    9-12 on 2 cores), its heaviest sections asked alone 5-25% more CPU-s. Lower caps do not
    lower the peak (1.73-1.75 GB at 200-300 MiB: the rest is Python), and at 200 MiB the
    customers page failed out of memory.
    ``STOREBOOK_DUCKDB_MEMORY`` or ``[engine] memory_limit`` raise it, e.g. for a notebook
    asking bigger questions alone.
    """

    memory_limit: MemorySize = "300MB"
    #: Where DuckDB spills; "" = the system's temporary folder. Relative to the project folder.
    temp_directory: str = ""


class Settings(BaseSettings):
    """Every setting of a workbook, validated (unknown keys are errors)."""

    model_config = SettingsConfigDict(extra="forbid")

    store: StoreSettings = Field(default_factory=StoreSettings)
    paths: PathSettings = Field(default_factory=PathSettings)
    privacy: PrivacySettings = Field(default_factory=PrivacySettings)
    report: ReportSettings = Field(default_factory=ReportSettings)
    fulfilment: FulfilmentSettings = Field(default_factory=FulfilmentSettings)
    ingest: IngestSettings = Field(default_factory=IngestSettings)
    engine: EngineSettings = Field(default_factory=EngineSettings)


def _settings_from(files: list[Path]) -> Settings:
    """The settings of ``files`` (later files override earlier ones key by key)."""

    class _FromFiles(Settings):
        @classmethod
        def settings_customise_sources(cls, settings_cls: type[BaseSettings], **sources: PydanticBaseSettingsSource
                                       ) -> tuple[PydanticBaseSettingsSource, ...]:
            # Only the files: no environment variable can set a setting by accident.
            return (TomlConfigSettingsSource(settings_cls, toml_file=files, deep_merge=True),)

    return _FromFiles()


#: Settings that hold when a config file leaves them out.
DEFAULTS: dict = _settings_from([]).model_dump()


class ConfigError(StorebookError):
    """The workbook configuration is missing or malformed."""


def _explain(path: Path, exc: ValidationError) -> ConfigError:
    """One line per problem, naming the key as it is written in the file (and the same lines as
    :class:`Said` chains, for the reader's language)."""
    lines, said = [], []
    for err in exc.errors():
        where = [str(p) for p in err["loc"]]
        keys = [w for w in where[1:] if not w.isdigit()]
        items = [f"item {int(w) + 1}" for w in where[1:] if w.isdigit()]
        name = " ".join([f"[{where[0]}]" if where else "", ".".join(keys), *items]).strip()
        head = " ".join([f"[{where[0]}]" if where else "", ".".join(keys)])
        head = head.lstrip() if items else head.strip()
        name_said: Said | str = ""
        for w in reversed([w for w in where[1:] if w.isdigit()]):
            name_said = Said("error.config.item", {"number": str(int(w) + 1), "more": name_said})
        name_said = Said("error.config.name", {"head": head, "items": name_said})
        if err["type"] == "extra_forbidden":
            close = _close_setting(where)
            lines.append(f"{name} is not a setting" + (f": did you mean '{close}'?" if close else "")
                         + " (remove it, or check its spelling)")
            said.append(Said("error.config.not_setting", {
                "name": name_said, "close": Said("error.config.not_setting.close", {"close": close}) if close else ""}))
        else:
            lines.append(f"{name}: {err['msg']} (got {err.get('input')!r})")
            said.append(Said("error.config.bad_value", {"name": name_said, "problem": err["msg"],
                                                        "got": repr(err.get("input"))}))
    return ConfigError(f"{path}: " + "; ".join(lines)
                       + ". Fix the file (the settings are listed in the storebook.toml that ships with storebook).",
                       key="error.config.invalid", values={"path": str(path), "problems": joined(said)})


def _close_setting(where: list[str]) -> str:
    import difflib

    if len(where) == 1:
        names = list(Settings.model_fields)
    else:
        section = Settings.model_fields.get(where[0])
        names = list(section.annotation.model_fields) if section is not None else []
    found = difflib.get_close_matches(where[-1], names, n=1)
    return found[0] if found else ""


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
    package_checkout = Path(__file__).resolve().parents[3]
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
        files = [root / name for name in (CONFIG_NAME, LOCAL_CONFIG_NAME) if (root / name).is_file()]
        for path in files:  # each file on its own first, so that an error names its file
            try:
                tomllib.loads(path.read_text(encoding="utf-8"))
                _settings_from([path])
            except tomllib.TOMLDecodeError as exc:
                raise ConfigError(f"{path}: not valid TOML ({exc}). Fix the file or restore it from git.",
                                  key="error.config.toml", values={"path": str(path), "problem": str(exc)}) from exc
            except ValidationError as exc:
                raise _explain(path, exc) from None
        return cls(root=root, settings=_settings_from(files).model_dump())

    # -- store -----------------------------------------------------------------
    @property
    def store_name(self) -> str:
        """The store's name as configured ("" when not set: see :func:`storebook.engine.identity`)."""
        return self.settings["store"]["name"]

    @property
    def store_name_zh(self) -> str:
        return self.settings["store"]["name_zh"]

    @property
    def currency(self) -> str:
        """The currency as configured ("" when not set: see :func:`storebook.engine.identity`)."""
        return self.settings["store"]["currency"]

    def vocabulary(self, name: str) -> list[str]:
        """A vocabulary of the contract (``platforms``, ``channels``, ``devices``), optionally
        with its totals value (``channels+all``): what ingest accepts in such a column."""
        base, _, extra = name.partition("+")
        return [*self.settings["store"][base], *([extra] if extra else [])]

    @property
    def timezone(self) -> str:
        return self.settings["store"]["timezone"]

    @property
    def country(self) -> str:
        """The store's country as configured (ISO 3166 alpha-2; "" when not set): ingest reads the
        regions of rows that name no country of their own as in it (a bare ``ZJ`` is 浙江 in China)."""
        return self.settings["store"]["country"]

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

    # -- engine ----------------------------------------------------------------
    @property
    def duckdb_memory_limit(self) -> str:
        """One workbook's DuckDB memory cap (``[engine] memory_limit``; ``STOREBOOK_DUCKDB_MEMORY`` overrides)."""
        return os.environ.get("STOREBOOK_DUCKDB_MEMORY") or self.settings["engine"]["memory_limit"].strip()

    @property
    def duckdb_temp_directory(self) -> Path | None:
        """Where workbooks spill (``[engine] temp_directory``); None = the system's temporary folder."""
        folder = self.settings["engine"]["temp_directory"]
        return (self.root / folder).resolve() if folder else None

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
                "then copy that folder to the lake",
                key="error.config.processed_lake", values={"location": location},
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
            return _checked_key(env, f"the environment variable {name}", f"unset {name} to have one generated",
                                Said("error.config.key_short.env", {"name": name}),
                                Said("error.config.key_short.unset", {"name": name}))
        path = self.root / privacy["key_file"]
        if not path.is_file():
            _create_key_file(path)
        text = path.read_text(encoding="utf-8").strip()
        return _checked_key(text, str(path), "delete the file to have a new one generated (customer pseudonyms "
                            "then change at the next `storebook ingest --force`)",
                            str(path), Said("error.config.key_short.delete", {}))


#: HMAC keys shorter than the hash's output weaken it (RFC 2104 §3: SHA-256's 32 bytes).
MIN_KEY_LENGTH = 32
_KEY_RECIPE = "python -c \"import secrets; print(secrets.token_hex(32))\""


def _checked_key(text: str, where: str, alternative: str, where_said: Said | str, alternative_said: Said) -> bytes:
    """The key's bytes, when it is long enough to be a key (``where`` and ``alternative`` are
    English; ``where_said`` and ``alternative_said`` the same in the catalogue's words)."""
    key = text.encode("utf-8")
    if len(key) < MIN_KEY_LENGTH:
        # A number, so that the catalogue's "{count} characters" agrees with it (1 character).
        length = Said("error.config.key_short.empty", {}) if not key else Said(
            "error.config.key_short.length", {"count": len(key)})
        raise ConfigError(
            f"the customer-id hash key in {where} is "
            f"{'empty' if not key else f'{len(key)} character' + ('s' if len(key) > 1 else '') + ' long'}; "
            f"it needs at least {MIN_KEY_LENGTH} random characters. Generate one with {_KEY_RECIPE}, "
            f"or {alternative}",
            key="error.config.key_short",
            values={"where": where_said, "length": length, "minimum": str(MIN_KEY_LENGTH), "recipe": _KEY_RECIPE,
                    "alternative": alternative_said},
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
