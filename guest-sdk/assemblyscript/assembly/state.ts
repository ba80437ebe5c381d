// A small little-endian encoding for actor state (the same one the Rust SDK's Writer and Reader use).

/** Builds an encoding: new Writer().u32(starts).str(name).finish(). */
export class Writer {
  private buf: Array<u8> = new Array<u8>();

  u8(v: u8): Writer {
    this.buf.push(v);
    return this;
  }

  u32(v: u32): Writer {
    for (let i = 0; i < 4; i++) this.buf.push(<u8>(v >>> (8 * i)));
    return this;
  }

  u64(v: u64): Writer {
    for (let i = 0; i < 8; i++) this.buf.push(<u8>(v >>> (8 * i)));
    return this;
  }

  /** Bytes with their length (a u32) in front. */
  bytes(v: Uint8Array): Writer {
    this.u32(<u32>v.length);
    for (let i = 0; i < v.length; i++) this.buf.push(v[i]);
    return this;
  }

  /** A string (UTF-8) with its length in bytes in front. */
  str(v: string): Writer {
    return this.bytes(Uint8Array.wrap(String.UTF8.encode(v, false)));
  }

  /** Bytes as they are, with no length. */
  raw(v: Uint8Array): Writer {
    for (let i = 0; i < v.length; i++) this.buf.push(v[i]);
    return this;
  }

  finish(): Uint8Array {
    const out = new Uint8Array(this.buf.length);
    for (let i = 0; i < this.buf.length; i++) out[i] = this.buf[i];
    return out;
  }
}

/** Reads what Writer wrote, in the same order; a read past the end aborts the call with a message. */
export class Reader {
  private at: i32 = 0;

  constructor(private readonly data: Uint8Array) {}

  private take(n: i32, what: string): i32 {
    if (this.data.length - this.at < n) {
      throw new Error("cannot read " + what + " (" + n.toString() + " bytes) at offset " + this.at.toString()
        + ": only " + (this.data.length - this.at).toString() + " bytes left");
    }
    const start = this.at;
    this.at += n;
    return start;
  }

  u8(): u8 {
    return this.data[this.take(1, "a u8")];
  }

  u32(): u32 {
    const s = this.take(4, "a u32");
    let v: u32 = 0;
    for (let i = 0; i < 4; i++) v |= (<u32>this.data[s + i]) << (8 * i);
    return v;
  }

  u64(): u64 {
    const s = this.take(8, "a u64");
    let v: u64 = 0;
    for (let i = 0; i < 8; i++) v |= (<u64>this.data[s + i]) << (8 * i);
    return v;
  }

  bytes(): Uint8Array {
    const n = <i32>this.u32();
    const s = this.take(n, "bytes");
    return this.data.slice(s, s + n);
  }

  str(): string {
    const b = this.bytes();
    return String.UTF8.decodeUnsafe(b.dataStart, <usize>b.length, false);
  }

  rest(): Uint8Array {
    const s = this.at;
    this.at = this.data.length;
    return this.data.slice(s);
  }

  get isEmpty(): bool {
    return this.at == this.data.length;
  }
}
