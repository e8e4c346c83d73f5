//! Checks of reading and measuring on small inline histories.
