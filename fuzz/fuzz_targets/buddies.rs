#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| matcher_fuzz::buddies(data));
