"""What the tests share, by subject: stores (roots, raw rows, processed tables, the sample
store), notebooks (running a report notebook), packs (the pack in process, sparse stores),
reports (packs built by the CLI), sources and mapping (the adapter and mapping-language
tests), files and plots. Test files import from here and never from one another; conftest.py
turns the shared stores and packs into fixtures."""
