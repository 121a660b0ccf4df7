//! JSON program lists: an array of objects, or an object holding one such
//! array beside other things (`{"meta": …, "programs": [ … ]}`), as APIs
//! and scrapers write them. Each object is a row, its keys the header (in
//! the order first seen, over all objects). Values become text the way a
//! CSV cell would hold them: numbers without a trailing `.0` when whole,
//! `null` as empty, and a nested array or object as compact JSON text (so
//! `["J-1", "H-1B"]` reaches the cell readers as a list), held to the cell
//! limit like any cell.

use std::collections::HashMap;
use std::fmt;

use serde::Deserialize;
use serde::de::value::{MapAccessDeserializer, SeqAccessDeserializer};
use serde::de::{Deserializer, IgnoredAny, MapAccess, SeqAccess, Visitor};

use super::{Place, Table, whole_file};
use crate::import::{ImportIssue, limits};

/// One element of the array: its pairs when it is an object, or what it
/// is instead ("a number").
type Item = Result<Vec<(String, String)>, &'static str>;

pub(super) fn read(bytes: &[u8]) -> Result<Table, ImportIssue> {
    let text = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    let top: Top = serde_json::from_slice(text).map_err(|e| {
        whole_file(
            u64::try_from(e.line()).unwrap_or(1),
            format!("is not readable JSON: {e}"),
        )
    })?;
    let (items, note) = match top {
        Top::Items(items) => (items, None),
        Top::Holder(mut lists) => match lists.len() {
            0 => {
                return Err(whole_file(
                    1,
                    "holds no list of objects; usce reads an array of programs, \
                     or an object holding one"
                        .into(),
                ));
            }
            1 => {
                let (key, items) = lists.remove(0);
                (items, Some(format!("the list under {key:?}")))
            }
            _ => {
                let keys: Vec<String> = lists.iter().map(|(k, _)| format!("{k:?}")).collect();
                let (key, items) = lists.remove(0);
                let note = format!(
                    "the list under {key:?} (the file also has {})",
                    keys[1..].join(", ")
                );
                (items, Some(note))
            }
        },
    };
    table_of(items, note)
}

/// Lines the items up under one header, the keys in the order first seen.
fn table_of(items: Vec<Item>, note: Option<String>) -> Result<Table, ImportIssue> {
    let mut header: Vec<String> = Vec::new();
    let mut index: HashMap<String, usize> = HashMap::new();
    let mut rows = Vec::with_capacity(items.len());
    for (at, item) in (1u64..).zip(items) {
        let pairs = item.map_err(|what| ImportIssue {
            line: at,
            column: "row".into(),
            message: format!("is {what}, not an object with a program's fields"),
        })?;
        let mut row: Vec<(usize, String)> = Vec::with_capacity(pairs.len());
        for (key, value) in pairs {
            let column = match index.get(&key) {
                Some(&i) => i,
                None => {
                    if header.len() == limits::MAX_COLUMNS {
                        return Err(whole_file(
                            at,
                            format!(
                                "has more than {} different keys (is this a list of programs?)",
                                limits::MAX_COLUMNS
                            ),
                        ));
                    }
                    index.insert(key.clone(), header.len());
                    header.push(key);
                    header.len() - 1
                }
            };
            // A key given twice in one object: the first counts, as the
            // first of two columns does.
            if !row.iter().any(|(c, _)| *c == column) {
                row.push((column, value));
            }
        }
        rows.push((at, row));
    }
    let width = header.len();
    let rows = rows
        .into_iter()
        .map(|(at, pairs)| {
            let mut cells = vec![String::new(); width];
            for (column, value) in pairs {
                cells[column] = value;
            }
            (at, cells)
        })
        .collect();
    Ok(Table {
        header,
        header_at: 1,
        rows,
        place: Place::Item,
        note,
    })
}

/// The document: an array of items, or an object and the arrays of
/// objects found among its values.
enum Top {
    Items(Vec<Item>),
    Holder(Vec<(String, Vec<Item>)>),
}

impl<'de> Deserialize<'de> for Top {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Top, D::Error> {
        struct TopVisitor;
        impl<'de> Visitor<'de> for TopVisitor {
            type Value = Top;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("an array of objects, or an object holding one")
            }
            fn visit_seq<A: SeqAccess<'de>>(self, seq: A) -> Result<Top, A::Error> {
                Ok(Top::Items(items(seq)?))
            }
            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Top, A::Error> {
                let mut lists = Vec::new();
                while let Some(key) = map.next_key::<String>()? {
                    if let MaybeItems(Some(items)) = map.next_value()? {
                        lists.push((key, items));
                    }
                }
                Ok(Top::Holder(lists))
            }
        }
        d.deserialize_any(TopVisitor)
    }
}

fn items<'de, A: SeqAccess<'de>>(mut seq: A) -> Result<Vec<Item>, A::Error> {
    let mut items = Vec::new();
    while let Some(ItemOf(item)) = seq.next_element()? {
        items.push(item);
    }
    Ok(items)
}

/// A value of the holding object: `Some` when it is an array whose
/// elements are all objects (an empty array is not a list of programs).
struct MaybeItems(Option<Vec<Item>>);

impl<'de> Deserialize<'de> for MaybeItems {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<MaybeItems, D::Error> {
        struct V;
        impl<'de> Visitor<'de> for V {
            type Value = MaybeItems;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("any JSON value")
            }
            fn visit_seq<A: SeqAccess<'de>>(self, seq: A) -> Result<MaybeItems, A::Error> {
                let items = items(seq)?;
                let objects = !items.is_empty() && items.iter().all(Result::is_ok);
                Ok(MaybeItems(objects.then_some(items)))
            }
            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<MaybeItems, A::Error> {
                while map.next_entry::<IgnoredAny, IgnoredAny>()?.is_some() {}
                Ok(MaybeItems(None))
            }
            fn visit_bool<E>(self, _: bool) -> Result<MaybeItems, E> {
                Ok(MaybeItems(None))
            }
            fn visit_i64<E>(self, _: i64) -> Result<MaybeItems, E> {
                Ok(MaybeItems(None))
            }
            fn visit_u64<E>(self, _: u64) -> Result<MaybeItems, E> {
                Ok(MaybeItems(None))
            }
            fn visit_f64<E>(self, _: f64) -> Result<MaybeItems, E> {
                Ok(MaybeItems(None))
            }
            fn visit_str<E>(self, _: &str) -> Result<MaybeItems, E> {
                Ok(MaybeItems(None))
            }
            fn visit_unit<E>(self) -> Result<MaybeItems, E> {
                Ok(MaybeItems(None))
            }
        }
        d.deserialize_any(V)
    }
}

/// One array element: an object's pairs, or the kind of value it is.
struct ItemOf(Item);

impl<'de> Deserialize<'de> for ItemOf {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<ItemOf, D::Error> {
        struct V;
        impl<'de> Visitor<'de> for V {
            type Value = ItemOf;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("an object")
            }
            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<ItemOf, A::Error> {
                let mut pairs = Vec::new();
                while let Some((key, CellText(value))) = map.next_entry::<String, CellText>()? {
                    pairs.push((key, value));
                }
                Ok(ItemOf(Ok(pairs)))
            }
            fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<ItemOf, A::Error> {
                while seq.next_element::<IgnoredAny>()?.is_some() {}
                Ok(ItemOf(Err("an array")))
            }
            fn visit_bool<E>(self, _: bool) -> Result<ItemOf, E> {
                Ok(ItemOf(Err("true or false")))
            }
            fn visit_i64<E>(self, _: i64) -> Result<ItemOf, E> {
                Ok(ItemOf(Err("a number")))
            }
            fn visit_u64<E>(self, _: u64) -> Result<ItemOf, E> {
                Ok(ItemOf(Err("a number")))
            }
            fn visit_f64<E>(self, _: f64) -> Result<ItemOf, E> {
                Ok(ItemOf(Err("a number")))
            }
            fn visit_str<E>(self, _: &str) -> Result<ItemOf, E> {
                Ok(ItemOf(Err("a string")))
            }
            fn visit_unit<E>(self) -> Result<ItemOf, E> {
                Ok(ItemOf(Err("null")))
            }
        }
        d.deserialize_any(V)
    }
}

/// A value as a CSV cell would hold it.
struct CellText(String);

impl<'de> Deserialize<'de> for CellText {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<CellText, D::Error> {
        struct V;
        impl<'de> Visitor<'de> for V {
            type Value = CellText;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("any JSON value")
            }
            fn visit_str<E>(self, v: &str) -> Result<CellText, E> {
                Ok(CellText(v.to_string()))
            }
            fn visit_string<E>(self, v: String) -> Result<CellText, E> {
                Ok(CellText(v))
            }
            fn visit_bool<E>(self, v: bool) -> Result<CellText, E> {
                Ok(CellText(v.to_string()))
            }
            fn visit_i64<E>(self, v: i64) -> Result<CellText, E> {
                Ok(CellText(v.to_string()))
            }
            fn visit_u64<E>(self, v: u64) -> Result<CellText, E> {
                Ok(CellText(v.to_string()))
            }
            fn visit_f64<E>(self, v: f64) -> Result<CellText, E> {
                Ok(CellText(number_text(v)))
            }
            fn visit_unit<E>(self) -> Result<CellText, E> {
                Ok(CellText(String::new()))
            }
            fn visit_seq<A: SeqAccess<'de>>(self, seq: A) -> Result<CellText, A::Error> {
                let value = serde_json::Value::deserialize(SeqAccessDeserializer::new(seq))?;
                Ok(CellText(value.to_string()))
            }
            fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<CellText, A::Error> {
                let value = serde_json::Value::deserialize(MapAccessDeserializer::new(map))?;
                Ok(CellText(value.to_string()))
            }
        }
        d.deserialize_any(V)
    }
}

/// A number as text: whole numbers without `.0` (a phone written as
/// `3106808056.0` by pandas), others as Rust prints them.
pub(super) fn number_text(v: f64) -> String {
    // Exact as an integer below 2^53; beyond, the digits are not the
    // file's anyway.
    const EXACT: f64 = 9_007_199_254_740_992.0;
    if v.fract() == 0.0 && v.abs() < EXACT {
        #[allow(clippy::cast_possible_truncation)]
        let whole = v as i64;
        whole.to_string()
    } else {
        v.to_string()
    }
}
