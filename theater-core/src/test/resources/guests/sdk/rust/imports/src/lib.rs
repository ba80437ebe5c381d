//! Calls every host function the Rust SDK wraps, so that each one is an import of this module: GuestSdkTest checks
//! every import's core type against the WIT signature the runtime links it with. It is never run.

use theater_guest::prelude::*;

struct Imports;

impl State for Imports {
    fn encode(&self) -> Vec<u8> {
        Vec::new()
    }

    fn decode(_bytes: &[u8]) -> Result<Self, String> {
        Ok(Imports)
    }
}

impl Actor for Imports {
    fn init(_state: Option<Vec<u8>>) -> Result<Self, String> {
        every_import();
        Ok(Imports)
    }
}

/// Calls every wrapped host function once, so that each stays an import of the module.
fn every_import() {
    runtime::log("every import");
    let id = runtime::self_id();
    let _ = runtime::get_chain();
    let _ = runtime::shutdown(None);
    let _ = message_server::send(&id, b"x");
    let _ = message_server::request(&id, b"x");
    let _ = message_server::open_channel(&id, b"x");
    let _ = message_server::send_on_channel(&id, b"x");
    let _ = message_server::close_channel(&id);
    let _ = message_server::list_outstanding_requests();
    let _ = message_server::respond_to_request(&id, b"x");
    let _ = message_server::cancel_request(&id);
    let _ = supervisor::spawn("x.toml", Some(b"x"));
    let _ = supervisor::resume("x.toml", None);
    let _ = supervisor::list_children();
    let _ = supervisor::stop_child(&id);
    let _ = supervisor::restart_child(&id);
    let _ = supervisor::get_child_state(&id);
    let _ = supervisor::get_child_events(&id);
    let content = store::ContentRef { hash: id.clone() };
    let _ = store::new();
    let _ = store::store(&id, b"x");
    let _ = store::get(&id, &content);
    let _ = store::exists(&id, &content);
    let _ = store::label(&id, "l", &content);
    let _ = store::get_by_label(&id, "l");
    let _ = store::remove_label(&id, "l");
    let _ = store::remove_from_label(&id, "l", &content);
    let _ = store::store_at_label(&id, "l", b"x");
    let _ = store::replace_content_at_label(&id, "l", b"x");
    let _ = store::replace_at_label(&id, "l", &content);
    let _ = store::list_labels(&id);
    let _ = store::list_all_content(&id);
    let _ = store::calculate_total_size(&id);
    let mut config = process::ProcessConfig::new("true", &["a"]);
    config.env.push(("K".to_string(), "V".to_string()));
    let _ = process::os_spawn(&config);
    let _ = process::os_write_stdin(1, b"x");
    let _ = process::os_status(1);
    let _ = process::os_signal(1, 15);
    let _ = process::os_kill(1);
    let request = http_types::HttpRequest {
        method: "GET".to_string(),
        uri: "http://localhost/".to_string(),
        headers: vec![("a".to_string(), "b".to_string())],
        body: None,
    };
    let _ = http_client::send_http(&request);
    let _ = http_framework::create_server(&http_types::ServerConfig::default());
    let _ = http_framework::get_server_info(1);
    let _ = http_framework::start_server(1);
    let _ = http_framework::stop_server(1);
    let _ = http_framework::destroy_server(1);
    let _ = http_framework::register_handler("h");
    let _ = http_framework::add_route(1, "/", "GET", 1);
    let _ = http_framework::remove_route(1);
    let _ = http_framework::add_middleware(1, "/", 1);
    let _ = http_framework::remove_middleware(1);
    let _ = http_framework::enable_websocket(1, "/ws", Some(1), 1, None);
    let _ = http_framework::send_websocket_message(1, 1, &http_types::WebsocketMessage::text("x"));
    let _ = http_framework::close_websocket(1, 1);
    let _ = timing::now();
    let _ = timing::sleep(1);
    let _ = timing::deadline(1);
    let _ = random::random_bytes(1);
    let _ = random::random_range(0, 1);
    let _ = random::random_float();
    let _ = random::generate_uuid();
    let _ = environment::get_var("X");
    let _ = environment::list_vars();
    let _ = environment::exists("X");
    let _ = filesystem::read_file("x");
    let _ = filesystem::write_file("x", "y");
    let _ = filesystem::list_files("x");
    let _ = filesystem::delete_file("x");
    let _ = filesystem::create_dir("x");
    let _ = filesystem::delete_dir("x");
    let _ = filesystem::path_exists("x");
    let _ = filesystem::execute_command("x", "ls", &["-l"]);
    let _ = filesystem::execute_nix_command("x", "ls");
}

export_actor!(Imports);
