import type { NodeKind } from './vocabulary';

export interface SiteAssignment {
  nodeId: number;
  nodeName: string;
  kind: NodeKind;
  /** Names of the other sites the node already works at. */
  otherSites: string[];
}

/**
 * A team works at one site; divisions and units may span several. Returns, per node chosen
 * for a site, why it cannot be, or nothing.
 */
export function siteAssignmentProblems(siteName: string, chosen: SiteAssignment[]): { nodeId: number; message: string }[] {
  return chosen
    .filter((node) => node.kind === 'team' && node.otherSites.length > 0)
    .map((node) => ({
      nodeId: node.nodeId,
      message: `${node.nodeName} already works at ${node.otherSites.join(', ')}: a team works at one site, so take it off there before adding it to ${siteName}`,
    }));
}
