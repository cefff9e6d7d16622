//! Layering one dictionary set over another (a user's folder over the defaults).
//!
//! Keys: actors by entity id, verbs by lemma, synsets by name, agents by name. An overlay entry
//! with a key the base has replaces the base entry in place; a new key is appended. Disable
//! markers (an entity or verb block holding only `disable`, loaded as an entry with no phrases
//! and no codes, or no forms, code and patterns) remove the base entry. Everything else
//! (discards, issues, time shifts, nouns, adjectives, transformations, the code ontology) is
//! appended, and overlay options that differ from the defaults win.

use crate::model::*;
use std::collections::HashMap;

/// True for the entry an entity block holding only `disable` produces.
pub fn is_disable_marker(entry: &ActorEntry) -> bool {
    entry.entity_id.is_some() && entry.phrases.is_empty() && entry.codes.is_empty()
}

fn verb_is_disable_marker(verb: &VerbEntry) -> bool {
    verb.forms.is_empty() && verb.code.is_none() && verb.patterns.is_empty()
}

/// Merges `overlay` into `base` (see the module doc). The result keeps `base.format`.
pub fn layer(base: Dictionaries, overlay: Dictionaries) -> Dictionaries {
    let Dictionaries {
        format,
        actors: base_actors,
        agents: base_agents,
        verbs: base_verbs,
        patterns: base_patterns,
        synsets: base_synsets,
        mut discards,
        mut issues,
        mut time_shifts,
        mut nouns,
        mut adjectives,
        mut transformations,
        mut code_ontology,
        options: base_options,
    } = base;

    let actors = layer_actors(base_actors, overlay.actors);
    let agents = layer_agents(base_agents, overlay.agents);
    let (synsets, overlay_synset_index) = layer_synsets(base_synsets, overlay.synsets);

    // Each verb with its own patterns, so that replacing a verb replaces its patterns.
    let mut base_patterns: Vec<Option<Pattern>> = base_patterns.into_iter().map(Some).collect();
    let mut overlay_patterns: Vec<Option<Pattern>> =
        overlay.patterns.into_iter().map(Some).collect();
    let mut verbs: Vec<(VerbEntry, Vec<Pattern>)> = Vec::new();
    let mut base_verb_slot = Vec::new();
    for verb in base_verbs {
        let own = take_patterns(&verb.patterns, &mut base_patterns);
        base_verb_slot.push(Some(verbs.len()));
        verbs.push((verb, own));
    }
    let mut by_lemma: HashMap<String, usize> = verbs
        .iter()
        .enumerate()
        .map(|(i, (v, _))| (v.lemma.clone(), i))
        .collect();
    let mut removed = vec![false; verbs.len()];
    let mut overlay_verb_slot = Vec::new();
    for verb in overlay.verbs {
        let mut own = take_patterns(&verb.patterns, &mut overlay_patterns);
        for pattern in &mut own {
            remap_synsets(&mut pattern.before, &overlay_synset_index);
            remap_synsets(&mut pattern.after, &overlay_synset_index);
        }
        let disable = verb_is_disable_marker(&verb);
        match by_lemma.get(&verb.lemma).copied() {
            Some(slot) => {
                if let Some(flag) = removed.get_mut(slot) {
                    *flag = disable;
                }
                overlay_verb_slot.push((!disable).then_some(slot));
                if !disable {
                    if let Some(entry) = verbs.get_mut(slot) {
                        *entry = (verb, own);
                    }
                }
            }
            None if disable => overlay_verb_slot.push(None),
            None => {
                by_lemma.insert(verb.lemma.clone(), verbs.len());
                overlay_verb_slot.push(Some(verbs.len()));
                verbs.push((verb, own));
                removed.push(false);
            }
        }
    }

    // Renumber verbs and patterns; `new_index[slot]` is the final index of a kept verb.
    let mut new_index: Vec<Option<usize>> = Vec::with_capacity(verbs.len());
    let mut final_verbs = Vec::new();
    let mut final_patterns = Vec::new();
    for (slot, (mut verb, own)) in verbs.into_iter().enumerate() {
        if removed.get(slot).copied().unwrap_or(false) {
            new_index.push(None);
            continue;
        }
        let verb_index = final_verbs.len();
        new_index.push(Some(verb_index));
        verb.patterns = Vec::with_capacity(own.len());
        for mut pattern in own {
            pattern.verb = verb_index;
            verb.patterns.push(final_patterns.len());
            final_patterns.push(pattern);
        }
        final_verbs.push(verb);
    }
    let resolve = |slot: Option<usize>| slot.and_then(|s| new_index.get(s).copied().flatten());
    let base_map: Vec<Option<usize>> = base_verb_slot.into_iter().map(resolve).collect();
    let overlay_map: Vec<Option<usize>> = overlay_verb_slot.into_iter().map(resolve).collect();
    for t in &mut transformations {
        remap_transformation(t, &base_map);
    }
    for mut t in overlay.transformations {
        remap_transformation(&mut t, &overlay_map);
        transformations.push(t);
    }

    discards.extend(overlay.discards);
    issues.extend(overlay.issues);
    time_shifts.extend(overlay.time_shifts);
    nouns.extend(overlay.nouns);
    adjectives.extend(overlay.adjectives);
    code_ontology.extend(overlay.code_ontology);

    Dictionaries {
        format,
        actors,
        agents,
        verbs: final_verbs,
        patterns: final_patterns,
        synsets,
        discards,
        issues,
        time_shifts,
        nouns,
        adjectives,
        transformations,
        code_ontology,
        options: layer_options(base_options, overlay.options),
    }
}

fn layer_actors(mut actors: Vec<ActorEntry>, overlay: Vec<ActorEntry>) -> Vec<ActorEntry> {
    let mut by_id: HashMap<String, usize> = actors
        .iter()
        .enumerate()
        .filter_map(|(i, a)| a.entity_id.clone().map(|id| (id, i)))
        .collect();
    let mut removed = vec![false; actors.len()];
    for entry in overlay {
        let disable = is_disable_marker(&entry);
        match entry
            .entity_id
            .as_ref()
            .and_then(|id| by_id.get(id))
            .copied()
        {
            Some(i) => {
                if let Some(flag) = removed.get_mut(i) {
                    *flag = disable;
                }
                if !disable {
                    if let Some(slot) = actors.get_mut(i) {
                        *slot = entry;
                    }
                }
            }
            None if disable => {}
            None => {
                if let Some(id) = &entry.entity_id {
                    by_id.insert(id.clone(), actors.len());
                }
                actors.push(entry);
                removed.push(false);
            }
        }
    }
    actors
        .into_iter()
        .zip(removed)
        .filter_map(|(a, gone)| (!gone).then_some(a))
        .collect()
}

fn layer_agents(mut agents: Vec<AgentEntry>, overlay: Vec<AgentEntry>) -> Vec<AgentEntry> {
    let mut by_name: HashMap<String, usize> = agents
        .iter()
        .enumerate()
        .map(|(i, a)| (a.name.clone(), i))
        .collect();
    for agent in overlay {
        match by_name.get(&agent.name).copied() {
            Some(i) => {
                if let Some(slot) = agents.get_mut(i) {
                    *slot = agent;
                }
            }
            None => {
                by_name.insert(agent.name.clone(), agents.len());
                agents.push(agent);
            }
        }
    }
    agents
}

/// Returns the merged synsets and, for each overlay synset index, its merged index.
fn layer_synsets(mut synsets: Vec<Synset>, overlay: Vec<Synset>) -> (Vec<Synset>, Vec<usize>) {
    let mut by_name: HashMap<String, usize> = synsets
        .iter()
        .enumerate()
        .map(|(i, s)| (s.name.clone(), i))
        .collect();
    let mut map = Vec::with_capacity(overlay.len());
    for synset in overlay {
        match by_name.get(&synset.name).copied() {
            Some(i) => {
                map.push(i);
                if let Some(slot) = synsets.get_mut(i) {
                    *slot = synset;
                }
            }
            None => {
                let i = synsets.len();
                by_name.insert(synset.name.clone(), i);
                map.push(i);
                synsets.push(synset);
            }
        }
    }
    (synsets, map)
}

fn take_patterns(indices: &[usize], pool: &mut [Option<Pattern>]) -> Vec<Pattern> {
    indices
        .iter()
        .filter_map(|&i| pool.get_mut(i).and_then(Option::take))
        .collect()
}

fn remap_synsets(elems: &mut [PatternElem], map: &[usize]) {
    for elem in elems {
        if let PatternElem::Synset { index, .. } = elem {
            if let Some(&merged) = map.get(*index) {
                *index = merged;
            }
        }
    }
}

fn remap_transformation(t: &mut Transformation, map: &[Option<usize>]) {
    for verb in [&mut t.inner_verb, &mut t.outer_verb] {
        if let TransformVerb::Verb { verb: index, .. } = verb {
            *index = index.and_then(|i| map.get(i).copied().flatten());
        }
    }
}

fn layer_options(base: CoderOptions, overlay: CoderOptions) -> CoderOptions {
    let default = CoderOptions::default();
    let mut raw = base.raw;
    raw.extend(overlay.raw);
    CoderOptions {
        require_dyad: if overlay.require_dyad != default.require_dyad {
            overlay.require_dyad
        } else {
            base.require_dyad
        },
        new_actor_length: if overlay.new_actor_length != default.new_actor_length {
            overlay.new_actor_length
        } else {
            base.new_actor_length
        },
        comma_min: overlay.comma_min.or(base.comma_min),
        comma_max: overlay.comma_max.or(base.comma_max),
        comma_bmin: overlay.comma_bmin.or(base.comma_bmin),
        comma_bmax: overlay.comma_bmax.or(base.comma_bmax),
        comma_emin: overlay.comma_emin.or(base.comma_emin),
        comma_emax: overlay.comma_emax.or(base.comma_emax),
        skip_furniture: if overlay.skip_furniture != default.skip_furniture {
            overlay.skip_furniture
        } else {
            base.skip_furniture
        },
        country_sector: overlay.country_sector.or(base.country_sector),
        raw,
    }
}
