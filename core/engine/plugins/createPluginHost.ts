import { ContainerModule } from 'inversify';
import * as coreApi from '../../index.js';
import { defineProtocol } from '../protocol/defineProtocol.js';
import { engineVersion } from './packageInfo.js';
import { PROTOCOL } from './PROTOCOL.js';
import { pluginApiVersion, type VrsPluginHost } from './VrsPluginHost.js';

/** The host object passed to plugin factories. */
export function createPluginHost(): VrsPluginHost {
  return Object.freeze({
    apiVersion: pluginApiVersion,
    engineVersion,
    ContainerModule,
    PROTOCOL,
    defineProtocol,
    core: coreApi,
  });
}
