/**
 * An indexed triangle mesh. Positions and normals are x, y, z interleaved; normals are unit
 * vectors pointing out of the object (from high density towards low density).
 */
export interface TriangleMesh {
  positions: Float32Array;
  normals: Float32Array;
  /** Three vertex indices per triangle, counter-clockwise seen from outside. */
  indices: Uint32Array;
}

export function vertexCount(mesh: TriangleMesh): number {
  return mesh.positions.length / 3;
}

export function triangleCount(mesh: TriangleMesh): number {
  return mesh.indices.length / 3;
}
