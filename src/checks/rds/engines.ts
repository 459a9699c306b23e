import type { RdsInstance } from '../../bundle/evidence/rds.js';

/** Aurora (every flavour), DocumentDB and Neptune: engines whose instances live in a cluster that holds their settings. */
export function isClusterEngine(engine: string): boolean {
  return engine.startsWith('aurora') || engine === 'docdb' || engine === 'neptune';
}

/** An instance of an Aurora, DocumentDB or Neptune cluster, whose cluster-wide settings are the cluster's to show. */
export function setAtClusterLevel(db: RdsInstance): boolean {
  return db.clusterId !== undefined && db.engine !== undefined && isClusterEngine(db.engine);
}
