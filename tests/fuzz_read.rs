//! Fuzzing the reader and the cell repairs: no input, however broken, may panic.

use proptest::prelude::*;

use kehu::io::cells::{self, DateOrder};
use kehu::io::mapping::{Target, auto_map};
use kehu::io::read::{ReadOptions, open_bytes};

fn drain(bytes: Vec<u8>) {
    if let Ok(t) = open_bytes(bytes, &ReadOptions::default()) {
        let _ = auto_map(&t.headers);
        for r in t.rows.take(10_000) {
            let _ = r;
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(400))]

    #[test]
    fn random_bytes_never_panic(bytes in proptest::collection::vec(any::<u8>(), 0..4096)) {
        drain(bytes);
    }

    #[test]
    fn csv_like_text_never_panics(text in "[a-z,;\t\"\r\n=客户名称电话0-9 ]{0,600}") {
        drain(text.clone().into_bytes());
        let (gbk, _, _) = encoding_rs::GB18030.encode(&text);
        drain(gbk.into_owned());
        let mut utf16 = vec![0xFF, 0xFE];
        utf16.extend(text.encode_utf16().flat_map(|u| u.to_le_bytes()));
        drain(utf16);
    }

    #[test]
    fn zip_and_ole_headers_with_junk_never_panic(junk in proptest::collection::vec(any::<u8>(), 0..2048), ole in any::<bool>()) {
        let mut b = if ole {
            vec![0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1]
        } else {
            b"PK\x03\x04".to_vec()
        };
        b.extend(junk);
        drain(b);
    }

    #[test]
    fn any_cell_for_any_field_never_panics(cell in "\\PC{0,40}", i in 0usize..29, o in 0u8..3) {
        let order = [DateOrder::Auto, DateOrder::DayFirst, DateOrder::MonthFirst][o as usize];
        let _ = cells::convert(Target::all()[i], &cell, order);
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(40))]

    /// Any cells in any of the other kinds' columns give a report, never a panic.
    #[test]
    fn any_record_row_never_panics(cells in proptest::collection::vec("\\PC{0,24}", 16), k in 0usize..4) {
        use kehu::io::records::{RecordKind, RecordSpec, auto_map_records, dry_run_records};
        let kind = RecordKind::ALL[k];
        let dir = tempfile::tempdir().unwrap();
        let mut store = kehu::store::Store::open(&dir.path().join("k.sqlite3")).unwrap();
        store.create_first_admin("kehu-test-1").unwrap();
        let headers: Vec<String> = kind.fields().iter().map(|f| f.header.to_string()).collect();
        let mut w = csv::Writer::from_writer(Vec::new());
        w.write_record(&headers).unwrap();
        w.write_record(cells.iter().take(headers.len())).unwrap();
        let path = dir.path().join("f.csv");
        std::fs::write(&path, w.into_inner().unwrap()).unwrap();
        let spec = RecordSpec::new(kind, path, auto_map_records(kind, &headers));
        let _ = dry_run_records(&store, &spec, &mut |_| {}, &Default::default());
    }
}
