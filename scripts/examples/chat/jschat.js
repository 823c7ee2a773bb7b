// workerman-chat in JavaScript: the rows of the built-in Java "chat" dissector, as "jschat" (a test compares them on
// every shared capture). Put it in a plugin folder: jdissect --plugins scripts/examples/chat --disable-protocol chat
// (the Java dissector takes WebSocket text first while it is on).
const TYPED = {   // the keys both protocol generations use, with their types; other keys are left out
  type: "string", client_id: "string", client_name: "string", client_list: "string", room_id: "integer",
  content: "string", from_client_id: "string", from_client_name: "string", to_client_id: "string",
  to_client_name: "string", time: "string", uid: "integer", name: "string", user_list: "string",
  from_uid: "integer", to_uid: "string",
};

jdissect.dissector({
  id: "jschat",
  description: "workerman-chat JSON messages, in JavaScript (example)",
  fields: Object.entries(TYPED).map(([k, type]) => ({id: "jschat." + k, type: type, description: "JSON key " + k}))
    .concat([{id: "jschat.from", type: "string", description: "Sender's display name"},
             {id: "jschat.to", type: "string", description: "Recipient's display name, or \"all\""}]),
  anomalies: [{id: "jschat.invalid_json", severity: "warn", description: "Message looked like chat JSON but does not parse"}],
  sources: [{name: "jschat", description: "One row per workerman-chat message",
             columns: ["frame.number", "tcp.stream", "jschat.type", "jschat.from", "jschat.to", "jschat.content"]}],
  messages: {
    table: "websocket.text",
    heuristic: (text) => /^[ \t\r\n]*\{/.test(text) && text.indexOf('"type"') > 0,
    onMessage(ctx, dir, text) {
      let m;
      try { m = JSON.parse(text); } catch (e) { ctx.anomaly("jschat.invalid_json", String(e.message).split("\n")[0]); return; }
      if (m === null || typeof m !== "object" || Array.isArray(m)) { ctx.anomaly("jschat.invalid_json", "not an object"); return; }
      ctx.protocol("chat");
      const people = directory(ctx);
      const type = String(m.type ?? "").toLowerCase();
      learn(people, dir, type, m);
      const row = {};
      for (const [key, value] of Object.entries(m)) {
        const k = key.toLowerCase().replace(/[^a-z0-9_]/g, "_");
        if (TYPED[k] && value !== null && value !== undefined) row["jschat." + k] = as(TYPED[k], value);
      }
      row["jschat.from"] = from(people, dir, type, m);
      row["jschat.to"] = type === "say" ? to(people, m) : undefined;
      ctx.emit(row);
    },
  },
});

// Who is who on one connection: ids to names, and the connected client's own name. Keyed by the connection's ctx
// (one object per connection): a stream number would be reused by the next capture the same dissector reads. A
// host object cannot be a WeakMap key, so the oldest connections are dropped past MAX_CONNECTIONS.
const MAX_CONNECTIONS = 10000;
const directories = new Map();
function directory(ctx) {
  let d = directories.get(ctx);
  if (!d) {
    if (directories.size >= MAX_CONNECTIONS) directories.delete(directories.keys().next().value);
    d = {names: new Map(), self: undefined};
    directories.set(ctx, d);
  }
  return d;
}

function learn(d, dir, type, m) {
  const put = (id, name) => { if (id !== undefined && name !== undefined) d.names.set(id, name); };
  if (type === "login") {
    const name = first(m, "client_name", "name");
    put(first(m, "client_id", "uid"), name);
    if (dir === "c2s" && name !== undefined) d.self = name;
    if ("client_list" in m) {
      const list = m.client_list;
      if (list && typeof list === "object") for (const [id, n] of Object.entries(list)) put(id, text(n));
      if (d.self === undefined) d.self = name;   // the greeting with client_list goes to the one logging in
    }
  } else if (type === "user_list") {
    const list = m.user_list;
    if (Array.isArray(list)) for (const u of list) put(u && text(u.uid), u && text(u.name));
    else if (list && typeof list === "object") for (const [id, n] of Object.entries(list)) put(id, text(n));
  } else if (type === "say") {
    put(text(m.from_client_id), text(m.from_client_name));
  }
}

function from(d, dir, type, m) {
  if (type === "login") return first(m, "client_name", "name");
  if (type !== "say" && type !== "logout") return undefined;
  if (dir === "c2s") return d.self;
  const name = text(m.from_client_name);
  if (name !== undefined) return name;
  const id = first(m, "from_client_id", "from_uid", "uid");
  return d.names.get(id) ?? id;
}

function to(d, m) {
  const id = first(m, "to_client_id", "to_uid");
  if (id === undefined) return undefined;
  if (id.toLowerCase() === "all") return "all";
  return text(m.to_client_name) ?? d.names.get(id) ?? id;
}

/** The text of a scalar (ids may be numbers or strings); undefined for null, objects and arrays. */
function text(v) {
  return v === null || v === undefined || typeof v === "object" ? undefined : String(v);
}

function first(m, ...keys) {
  for (const k of keys) { const t = text(m[k]); if (t !== undefined) return t; }
  return undefined;
}

/** A value as its declared type, as the Java dissector coerces it; one that does not fit stays as it is. */
function as(type, v) {
  if (typeof v === "object") return JSON.stringify(v);
  if (type === "string") return String(v);
  if (type === "integer" && typeof v === "string" && /^-?\d{1,18}$/.test(v)) return Number(v);
  return v;
}
