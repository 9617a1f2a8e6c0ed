//! The `BuddyMatcher` class: a peer roster paired two by two, solved once,
//! with every question about the pairing answered from the stored optimum.

use crate::convert::{read_config, read_rounds, to_js, utf8};
use crate::error::Failure;
use crate::program::{optional_id, read_people};
use matcher::buddies::BuddyProgram;
use wasm_bindgen::prelude::*;

/// Buddy pairs from one peer roster (the CLI's `match --people FILE
/// --pairs`). `fromPeople` parses and checks the roster, the config and the
/// rounds, and solves once; `outcome`, `pairsCsv`, `report` and `suggest`
/// read the stored optimum without solving, `whyNot` with a partner solves
/// once more (the pair forced) and `costOfDiversity` once, on its first
/// call. `solves` counts them.
#[wasm_bindgen]
pub struct BuddyMatcher {
    program: BuddyProgram<'static>,
}

#[wasm_bindgen]
impl BuddyMatcher {
    /// Pairs everyone on a peer roster: each person in at most one pair,
    /// never with themselves, scored both ways; exact. The locked pairs of
    /// `rounds` are kept (their two columns are the pair's two people) and
    /// its history pairs never made.
    #[wasm_bindgen(js_name = fromPeople)]
    pub fn from_people(
        #[wasm_bindgen(js_name = peopleCsv)] people_csv: &str,
        #[wasm_bindgen(unchecked_optional_param_type = "Config | null")] config: JsValue,
        #[wasm_bindgen(unchecked_optional_param_type = "Rounds | null")] rounds: JsValue,
    ) -> Result<BuddyMatcher, Failure> {
        let (config, rounds) = (read_config(config)?, read_rounds(rounds)?);
        let people = read_people(people_csv, &config)?;
        let program = BuddyProgram::owning(people, config, &rounds)?;
        Ok(BuddyMatcher { program })
    }

    /// The optimal pairing: every person paired or unpaired with a reason
    /// (the CLI's JSON output).
    #[wasm_bindgen(unchecked_return_type = "PairsOutcome")]
    pub fn outcome(&self) -> Result<JsValue, Failure> {
        to_js(self.program.outcome())
    }

    /// The pairs CSV, byte for byte what the CLI writes: one row per
    /// person, in roster order.
    #[wasm_bindgen(js_name = pairsCsv)]
    pub fn pairs_csv(&self) -> Result<String, Failure> {
        let mut csv = Vec::new();
        self.program.write_csv(&mut csv)?;
        utf8(csv)
    }

    /// The fairness and diversity report (the CLI's `--report`):
    /// `cost_of_diversity` is `null` until `costOfDiversity()` was called.
    /// It solves nothing.
    #[wasm_bindgen(unchecked_return_type = "PairsReport")]
    pub fn report(&self) -> Result<JsValue, Failure> {
        to_js(&self.program.fairness_report())
    }

    /// What the diversity weight costs the other criteria: solves the
    /// pairing once more with `weights.diversity = 0` on the first call;
    /// `null` when diversity is the only weight.
    #[wasm_bindgen(js_name = costOfDiversity, unchecked_return_type = "DiversityCost | null")]
    pub fn cost_of_diversity(&self) -> Result<JsValue, Failure> {
        to_js(&self.program.cost_of_diversity()?)
    }

    /// Up to `k` partners for every person, in roster order, best first:
    /// the optimal partner, then by pair score.
    #[wasm_bindgen(unchecked_return_type = "PartnerSuggestions[]")]
    pub fn suggest(&self, k: usize) -> Result<JsValue, Failure> {
        to_js(&self.program.suggest(k))
    }

    /// Where a person stands (their pair, or why they have none) and, with
    /// `partnerId`, why the two were (not) paired and exactly what pairing
    /// them would cost (one more solve).
    #[wasm_bindgen(js_name = whyNot, unchecked_return_type = "BuddyVerdict")]
    pub fn why_not(
        &self,
        #[wasm_bindgen(js_name = personId)] person_id: &str,
        #[wasm_bindgen(js_name = partnerId, unchecked_optional_param_type = "string | null")]
        partner_id: JsValue,
    ) -> Result<JsValue, Failure> {
        let partner_id = optional_id(partner_id, "partnerId")?;
        to_js(&self.program.why_not(person_id, partner_id.as_deref())?)
    }

    /// How many exact solves this matcher has run.
    #[wasm_bindgen(getter)]
    pub fn solves(&self) -> usize {
        self.program.solves()
    }
}
