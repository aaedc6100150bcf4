//! Criterion benchmark: the default pipeline over the five seeds.
//! Run: `cargo bench --bench pipeline`. Whole-process throughput on the 20 MB
//! corpus is measured by `bench/throughput.sh`.

use criterion::{criterion_group, criterion_main, BenchmarkId, Criterion, Throughput};
use rinse::{Cleaner, Config};

fn seeds() -> Vec<(String, String)> {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("seeds");
    let mut v: Vec<_> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "txt"))
        .map(|p| (p.file_name().unwrap().to_string_lossy().into_owned(), std::fs::read_to_string(&p).unwrap()))
        .collect();
    v.sort();
    v
}

fn bench(c: &mut Criterion) {
    let cleaner = Cleaner::new(Config::default()).unwrap();
    let mut group = c.benchmark_group("clean");
    for (name, text) in seeds() {
        group.throughput(Throughput::Bytes(text.len() as u64));
        group.bench_with_input(BenchmarkId::from_parameter(&name[..3]), &text, |b, t| b.iter(|| cleaner.clean(t)));
    }
    let all: String = seeds().into_iter().map(|(_, t)| t).collect::<Vec<_>>().join("\n\n");
    group.throughput(Throughput::Bytes(all.len() as u64));
    group.bench_function("all-seeds", |b| b.iter(|| cleaner.clean(&all)));
    // Per pass family: the cost of each rule family alone.
    for fam in ["E", "M", "W", "B", "N", "L", "P", "C"] {
        let cfg = Config::default().with_select([fam]);
        if let Ok(cl) = Cleaner::new(cfg) {
            group.bench_function(format!("family-{fam}"), |b| b.iter(|| cl.clean(&all)));
        }
    }
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
