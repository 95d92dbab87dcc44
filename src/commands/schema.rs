//! `brief schema`: the JSON Schema of the fact-base files, for editors.

pub fn run(kind: Option<&str>) -> anyhow::Result<()> {
    let schema = match kind {
        Some(kind) => crate::schema::of_kind(kind)?,
        None => crate::schema::all(),
    };
    crate::term::outln!("{}", serde_json::to_string_pretty(&schema)?);
    Ok(())
}
