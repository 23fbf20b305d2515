import type { AtomTable } from './AtomicModel.js';

/** One atom's fields as a parser hands them over. */
export interface AtomRecord {
  serial: number;
  name: string;
  altLoc: string;
  resName: string;
  chain: string;
  resSeq: number;
  insertionCode: string;
  x: number;
  y: number;
  z: number;
  occupancy: number;
  b: number;
  element: string;
  charge: number;
  isHetero: boolean;
  modelNumber: number;
}

type NumericArray = Float64Array | Float32Array | Int32Array | Int8Array | Uint8Array;

function grow<T extends NumericArray>(array: T, capacity: number): T {
  const bigger = new (array.constructor as new (n: number) => T)(capacity);
  bigger.set(array);
  return bigger;
}

/** Collects atoms into growing typed columns; strings are interned so a million atoms share a few hundred names. */
export class AtomTableBuilder {
  private capacity = 1024;
  private n = 0;
  private readonly strings = new Map<string, string>();
  private serial = new Int32Array(this.capacity);
  private resSeq = new Int32Array(this.capacity);
  private x = new Float64Array(this.capacity);
  private y = new Float64Array(this.capacity);
  private z = new Float64Array(this.capacity);
  private occupancy = new Float32Array(this.capacity);
  private b = new Float32Array(this.capacity);
  private charge = new Int8Array(this.capacity);
  private isHetero = new Uint8Array(this.capacity);
  private modelNumber = new Int32Array(this.capacity);
  private readonly name: string[] = [];
  private readonly altLoc: string[] = [];
  private readonly resName: string[] = [];
  private readonly chain: string[] = [];
  private readonly insertionCode: string[] = [];
  private readonly element: string[] = [];
  private readonly chainOrder = new Set<string>();
  private readonly modelOrder = new Set<number>();

  get count(): number {
    return this.n;
  }

  private intern(s: string): string {
    const known = this.strings.get(s);
    if (known !== undefined) return known;
    // Flatten so the stored string does not keep the whole file text alive as a sliced parent.
    const own = (' ' + s).slice(1);
    this.strings.set(own, own);
    return own;
  }

  private ensureCapacity(): void {
    if (this.n < this.capacity) return;
    this.capacity *= 2;
    this.serial = grow(this.serial, this.capacity);
    this.resSeq = grow(this.resSeq, this.capacity);
    this.x = grow(this.x, this.capacity);
    this.y = grow(this.y, this.capacity);
    this.z = grow(this.z, this.capacity);
    this.occupancy = grow(this.occupancy, this.capacity);
    this.b = grow(this.b, this.capacity);
    this.charge = grow(this.charge, this.capacity);
    this.isHetero = grow(this.isHetero, this.capacity);
    this.modelNumber = grow(this.modelNumber, this.capacity);
  }

  add(a: AtomRecord): void {
    this.ensureCapacity();
    const i = this.n++;
    this.serial[i] = a.serial;
    this.resSeq[i] = a.resSeq;
    this.x[i] = a.x;
    this.y[i] = a.y;
    this.z[i] = a.z;
    this.occupancy[i] = a.occupancy;
    this.b[i] = a.b;
    this.charge[i] = a.charge;
    this.isHetero[i] = a.isHetero ? 1 : 0;
    this.modelNumber[i] = a.modelNumber;
    this.name.push(this.intern(a.name));
    this.altLoc.push(this.intern(a.altLoc));
    this.resName.push(this.intern(a.resName));
    const chain = this.intern(a.chain);
    this.chain.push(chain);
    this.insertionCode.push(this.intern(a.insertionCode));
    this.element.push(this.intern(a.element));
    this.chainOrder.add(chain);
    this.modelOrder.add(a.modelNumber);
  }

  build(): { atoms: AtomTable; chains: string[]; models: number[] } {
    const n = this.n;
    const atoms: AtomTable = {
      count: n,
      serial: this.serial.slice(0, n),
      name: this.name,
      altLoc: this.altLoc,
      resName: this.resName,
      chain: this.chain,
      resSeq: this.resSeq.slice(0, n),
      insertionCode: this.insertionCode,
      x: this.x.slice(0, n),
      y: this.y.slice(0, n),
      z: this.z.slice(0, n),
      occupancy: this.occupancy.slice(0, n),
      b: this.b.slice(0, n),
      element: this.element,
      charge: this.charge.slice(0, n),
      isHetero: this.isHetero.slice(0, n),
      modelNumber: this.modelNumber.slice(0, n),
    };
    return { atoms, chains: [...this.chainOrder], models: [...this.modelOrder] };
  }
}
