//! Diagnostics: positions, messages and their rendering.
