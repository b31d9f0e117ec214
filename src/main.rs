// mimalloc instead of glibc's malloc: an import of 100,000 rows spent about 18% of its
// time in glibc's malloc and free (two threads, many small strings).
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() {
    std::process::exit(kehu::cli::main());
}
