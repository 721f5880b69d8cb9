//! Many reports at once: year-over-year 三公 and totals, and narrative claims
//! about the previous year checked against the earlier report when present.
