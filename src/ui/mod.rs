//! The Yew page (CSR). Compiles natively too, so its pure logic is unit-tested
//! with plain `cargo test`.
