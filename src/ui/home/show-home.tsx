/**
 * Mounts the home screen (Ink, loaded only at a terminal) at once, fills in the stages when `load`
 * answers, and resolves with the operator's choice after Ink has left the terminal as it found it,
 * so the chosen command starts on a clean screen.
 */
import { render } from 'ink';
import { useEffect, useState } from 'react';
import { HomeScreen, type HomeChoice, type HomeScreenProps } from './home-screen.js';

type StagesPart = Pick<HomeScreenProps, 'where' | 'stages' | 'error'>;
type Fixed = Omit<HomeScreenProps, 'onChoose' | 'onQuit' | 'width' | keyof StagesPart>;

function LoadingHome({ fixed, load, onChoose, onQuit }: { fixed: Fixed; load: () => Promise<StagesPart>; onChoose(choice: HomeChoice): void; onQuit(): void }) {
  const [stages, setStages] = useState<StagesPart>({});
  useEffect(() => {
    let live = true;
    load().then(
      (loaded) => live && setStages(loaded),
      (error: unknown) => live && setStages({ stages: [], error: error instanceof Error ? error.message : String(error) }),
    );
    return () => {
      live = false;
    };
  }, [load]);
  return <HomeScreen {...fixed} {...stages} width={process.stdout.columns || 100} onChoose={onChoose} onQuit={onQuit} />;
}

export async function showHome(fixed: Fixed, load: () => Promise<StagesPart>): Promise<HomeChoice | undefined> {
  let choice: HomeChoice | undefined;
  const instance = render(
    <LoadingHome
      fixed={fixed}
      load={load}
      onChoose={(chosen) => {
        choice = chosen;
        // The command runs on a clean screen: the home frame goes.
        instance.clear();
        instance.unmount();
      }}
      onQuit={() => instance.unmount()}
    />,
    { exitOnCtrlC: true },
  );
  await instance.waitUntilExit();
  instance.cleanup();
  return choice;
}
