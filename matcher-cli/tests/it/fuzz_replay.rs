//! Every input in `fuzz/regressions/<target>/` through the body of its fuzz
//! target, on stable Rust: crashes found by fuzzing stay fixed without nightly.

#[path = "../../../fuzz/src/lib.rs"]
mod targets;

#[test]
fn every_fuzz_regression_input_passes_its_target() {
    let regressions = crate::root().join("fuzz/regressions");
    for (name, target) in targets::TARGETS {
        let mut inputs: Vec<_> = std::fs::read_dir(regressions.join(name))
            .unwrap()
            .map(|entry| entry.unwrap().path())
            .collect();
        inputs.sort();
        assert!(!inputs.is_empty(), "fuzz/regressions/{name} is empty");
        for input in inputs {
            let data = std::fs::read(&input).unwrap();
            let replay = std::panic::catch_unwind(|| target(&data));
            assert!(replay.is_ok(), "{} fails again", input.display());
        }
    }
}
