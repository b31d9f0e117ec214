fn main() {
    std::process::exit(kehu::cli::main());
}
