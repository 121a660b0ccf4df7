//! Small per-database facts (has the welcome been shown?) in `meta`.

use super::sample::{meta, set_meta};
use super::{Result, Store};

impl Store {
    pub fn setting(&self, key: &str) -> Result<Option<String>> {
        meta(&self.conn, key)
    }

    pub fn set_setting(&mut self, key: &str, value: &str) -> Result<()> {
        set_meta(&self.conn, key, value)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn settings_round_trip_and_overwrite() {
        let mut store = Store::open_in_memory().unwrap();
        assert_eq!(store.setting("welcomed").unwrap(), None);
        store.set_setting("welcomed", "1").unwrap();
        store.set_setting("welcomed", "2").unwrap();
        assert_eq!(store.setting("welcomed").unwrap().as_deref(), Some("2"));
    }
}
